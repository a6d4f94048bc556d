import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatDateTime, paymentMethodLabel } from '@/components/admin/format';
import { MarkPaidForm } from '@/components/admin/mark-paid-form';
import { RefundForm } from '@/components/admin/refund-form';
import { OrderStatusBadge } from '@/components/tables/admin-orders/columns';
import { Money } from '@/components/ui/money';
import { PageHeading } from '@/components/ui/page-heading';
import { getOrderDetail, manuallyPaidMethods } from '@/lib/admin/orders';
import { orderStatus } from '@/lib/checkout/labels';
import { formatMoney, toDecimalString } from '@/lib/money';
import { cardRefundableOf } from '@/lib/refunds/to-sources';
import { requireStaff } from '../../../_server/session';
import { markOrderPaidAction, refundOrderAction, refundOrderToSourcesAction } from './actions';
import { OrderRefunds } from './order-refunds';
import { getDatabase } from '@/db';

export const metadata: Metadata = { title: 'Order' };

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireStaff(`/admin/orders/${id}`);
  const orderId = Number(id);
  const detail = Number.isSafeInteger(orderId) && orderId > 0 ? await getOrderDetail(getDatabase().read, orderId) : undefined;
  if (!detail) notFound();
  const { order, customer, lines, payments, refunds, refundable, canMarkPaid } = detail;
  const money = (amount: number) => <Money amount={amount} currency={order.currency} />;
  const cards = order.state === 'paid' ? await cardRefundableOf(getDatabase().read, order.id) : [];
  const cardRefundable = cards.reduce((sum, card) => sum + card.refundable, 0);
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={`Order ${order.number}`}>
        <Link href="/admin/orders" className="text-sm text-brand-700 underline">
          Back to Orders
        </Link>
      </PageHeading>

      <section aria-labelledby="summary-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 id="summary-heading" className="mb-3 text-lg font-medium">
          Summary
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-stone-500">Customer</dt>
          <dd>
            {customer ? (
              <Link href={`/admin/customers/${customer.id}`} className="text-brand-700 underline">
                {customer.name}
              </Link>
            ) : (
              '—'
            )}
          </dd>
          <dt className="text-stone-500">Status</dt>
          <dd>
            <OrderStatusBadge status={orderStatus(order)} />
          </dd>
          <dt className="text-stone-500">Payment method</dt>
          <dd>{paymentMethodLabel(order.paymentMethod)}</dd>
          <dt className="text-stone-500">Placed</dt>
          <dd>{formatDateTime(order.createdAt)}</dd>
          {order.paidAt ? (
            <>
              <dt className="text-stone-500">Paid</dt>
              <dd>{formatDateTime(order.paidAt)}</dd>
            </>
          ) : null}
          <dt className="text-stone-500">Total</dt>
          <dd className="font-medium">{money(order.amountTotal)}</dd>
          <dt className="text-stone-500">Refunded</dt>
          <dd data-testid="order-refunded">{money(order.amountRefunded)}</dd>
          <dt className="text-stone-500">Refundable</dt>
          <dd data-testid="order-refundable" className="font-medium">
            {money(refundable)}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="lines-heading" className="flex flex-col gap-3">
        <h2 id="lines-heading" className="text-lg font-medium">
          Lines
        </h2>
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Order lines</caption>
            <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Product
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Unit price
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Quantity
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {lines.length === 0 ? (
                <tr>
                  <td colSpan={4} className="px-4 py-6 text-center text-stone-500">
                    No lines.
                  </td>
                </tr>
              ) : (
                lines.map((line) => (
                  <tr key={line.id}>
                    <td className="px-4 py-3">{line.name}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{money(line.unitPriceMinor)}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{line.quantity}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{money(line.amount)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      {payments.length > 0 ? (
        <section aria-labelledby="payments-heading" className="flex flex-col gap-2">
          <h2 id="payments-heading" className="text-lg font-medium">
            Payments
          </h2>
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm shadow-sm">
            {payments.map((payment) => (
              <li key={payment.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <span>
                  <span className="font-mono">{payment.reference}</span> · {paymentMethodLabel(payment.provider)} ·{' '}
                  {formatDateTime(payment.createdAt)}
                </span>
                <span>
                  {formatMoney(payment.amount, payment.currency)} · {payment.state}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {manuallyPaidMethods.includes(order.paymentMethod) ? (
        <section aria-labelledby="mark-paid-heading" className="flex flex-col gap-2">
          <h2 id="mark-paid-heading" className="text-lg font-medium">
            Payment received
          </h2>
          <p className="text-sm text-stone-600">
            {canMarkPaid
              ? `When the ${paymentMethodLabel(order.paymentMethod)} money for this order has arrived, mark it as paid.`
              : 'This order is settled.'}
          </p>
          <MarkPaidForm action={markOrderPaidAction} orderId={order.id} enabled={canMarkPaid} />
        </section>
      ) : null}

      {order.state === 'paid' ? (
        <section aria-labelledby="refund-heading" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
          <h2 id="refund-heading" className="text-lg font-medium">
            Refund to Wallet
          </h2>
          <p className="text-sm text-stone-600">
            Refundable: <strong>{formatMoney(refundable, order.currency)}</strong> of {formatMoney(order.amountTotal, order.currency)}{' '}
            (total minus what was already refunded). The money goes to the customer&apos;s wallet.
          </p>
          <RefundForm
            action={refundOrderAction}
            orderId={order.id}
            attemptKey={crypto.randomUUID()}
            currency={order.currency}
            refundableText={formatMoney(refundable, order.currency)}
            refundableDecimal={toDecimalString(refundable, order.currency)}
            disabled={refundable === 0}
          />
        </section>
      ) : null}

      {cards.length > 0 ? (
        <section aria-labelledby="refund-sources-heading" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
          <h2 id="refund-sources-heading" className="text-lg font-medium">
            Refund to Original Payment Methods
          </h2>
          <p className="text-sm text-stone-600">
            The card gets its part back first: up to <strong data-testid="order-card-refundable">{formatMoney(Math.min(cardRefundable, refundable), order.currency)}</strong>{' '}
            (what the card paid minus card refunds already made), refunded through the card provider. The rest goes to the customer&apos;s wallet.
          </p>
          <RefundForm
            action={refundOrderToSourcesAction}
            orderId={order.id}
            attemptKey={crypto.randomUUID()}
            currency={order.currency}
            refundableText={formatMoney(refundable, order.currency)}
            refundableDecimal={toDecimalString(refundable, order.currency)}
            disabled={refundable === 0}
            submitLabel="Refund to original payment methods"
            idPrefix="refund-sources"
          />
        </section>
      ) : null}

      <section aria-labelledby="refunds-heading" className="flex flex-col gap-3">
        <h2 id="refunds-heading" className="text-lg font-medium">
          Refunds of this order
        </h2>
        <OrderRefunds rows={refunds} />
      </section>
    </div>
  );
}
