import crypto from 'node:crypto';
import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getStaffFormat } from '@/components/admin/format-server';
import { MarkPaidForm } from '@/components/admin/mark-paid-form';
import { RefundForm } from '@/components/admin/refund-form';
import { OrderStatusBadge } from '@/components/shop/order-status-badge';
import { PaymentStateBadge } from '@/components/shop/payment-state-badge';
import { Cell, EmptyRow, HeaderCell, Row, Table, TableBody, TableHead } from '@/components/tables/table';
import { Money } from '@/components/ui/money';
import { PageHeading } from '@/components/ui/page-heading';
import { getOrderDetail, manuallyPaidMethods } from '@/lib/admin/orders';
import { orderStatusCode } from '@/lib/checkout/labels';
import { toInputString } from '@/lib/money';
import { isPaid } from '@/lib/orders/status';
import { staffOrderLifecycle } from '@/lib/orders/views';
import { cardRefundableOf } from '@/lib/refunds/to-sources';
import { requireStaff } from '../../../_server/session';
import { cancelOrderAction, markOrderPaidAction, moveOrderAction, refundOrderAction, refundOrderToSourcesAction } from './actions';
import { DeliveryAddress } from '../../../my/orders/delivery-address';
import { CancelOrderForm } from './cancel-order-form';
import { FulfilmentForm } from './fulfilment-form';
import { OrderHistory } from './order-history';
import { OrderRefunds } from './order-refunds';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.order');
  return { title: t('metaTitle') };
}

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireStaff(`/admin/orders/${id}`);
  const orderId = Number(id);
  const db = getDatabase();
  const detail = Number.isSafeInteger(orderId) && orderId > 0 ? await getOrderDetail(db.read, orderId) : undefined;
  if (!detail) notFound();
  const { order, customer, lines, payments, refunds, refundable, canMarkPaid } = detail;
  const [locale, t, words, method, provider, format, lifecycle, cards] = await Promise.all([
    getLocale(),
    getTranslations('admin.order'),
    getTranslations('fulfilment'),
    getTranslations('statuses.paymentMethod'),
    getTranslations('orders.provider'),
    getStaffFormat(),
    staffOrderLifecycle(db.read, order),
    isPaid(order) ? cardRefundableOf(db.read, order.id) : Promise.resolve([]),
  ]);
  const formatMoney = format.money;
  const money = (amount: number) => <Money amount={amount} currency={order.currency} />;
  const customerName = customer?.name ?? '';
  const cardRefundable = cards.reduce((sum, card) => sum + card.refundable, 0);
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('title', { number: order.number })}>
        <Link href="/admin/orders" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>

      <section aria-labelledby="summary-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 id="summary-heading" className="mb-3 text-lg font-medium">
          {t('summary')}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-stone-500">{t('customer')}</dt>
          <dd>
            {customer ? (
              <Link href={`/admin/customers/${customer.id}`} className="text-brand-700 underline">
                {customer.name}
              </Link>
            ) : (
              '—'
            )}
          </dd>
          <dt className="text-stone-500">{t('status')}</dt>
          <dd data-testid="order-status">
            <OrderStatusBadge status={orderStatusCode(order)} />
          </dd>
          <dt className="text-stone-500">{t('method')}</dt>
          <dd>{method(order.paymentMethod)}</dd>
          <dt className="text-stone-500">{t('placed')}</dt>
          <dd>{format.dateTime(order.createdAt)}</dd>
          {order.paidAt ? (
            <>
              <dt className="text-stone-500">{t('paid')}</dt>
              <dd>{format.dateTime(order.paidAt)}</dd>
            </>
          ) : null}
          {order.shippedAt ? (
            <>
              <dt className="text-stone-500">{words('order.shippedAt')}</dt>
              <dd>{format.dateTime(order.shippedAt)}</dd>
            </>
          ) : null}
          {order.trackingNumber ? (
            <>
              <dt className="text-stone-500">{words('order.trackingNumber')}</dt>
              <dd className="font-mono" data-testid="order-tracking">
                {order.trackingNumber}
              </dd>
            </>
          ) : null}
          {order.deliveredAt ? (
            <>
              <dt className="text-stone-500">{words('order.deliveredAt')}</dt>
              <dd>{format.dateTime(order.deliveredAt)}</dd>
            </>
          ) : null}
          {order.canceledAt ? (
            <>
              <dt className="text-stone-500">{words('order.canceledAt')}</dt>
              <dd>{format.dateTime(order.canceledAt)}</dd>
            </>
          ) : null}
          <dt className="text-stone-500">{t('total')}</dt>
          <dd className="font-medium">{money(order.amountTotal)}</dd>
          <dt className="text-stone-500">{t('refunded')}</dt>
          <dd data-testid="order-refunded">{money(order.amountRefunded)}</dd>
          <dt className="text-stone-500">{t('refundable')}</dt>
          <dd data-testid="order-refundable" className="font-medium">
            {money(refundable)}
          </dd>
        </dl>
      </section>

      <DeliveryAddress order={order} heading={words('order.deliverTo')} pickup={words('order.pickup')} />

      <section aria-labelledby="fulfilment-heading" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 id="fulfilment-heading" className="text-lg font-medium">
          {words('order.heading')}
        </h2>
        <FulfilmentForm
          action={moveOrderAction}
          orderId={order.id}
          attemptKey={crypto.randomUUID()}
          next={lifecycle.next}
          idleHint={order.state === 'confirmed' ? words('order.waitingForPayment') : words('order.nothingNext')}
        />
      </section>

      <section aria-labelledby="lines-heading" className="flex flex-col gap-3">
        <h2 id="lines-heading" className="text-lg font-medium">
          {t('lines')}
        </h2>
        <Table caption={t('linesCaption')}>
          <TableHead>
            <HeaderCell>{t('product')}</HeaderCell>
            <HeaderCell numeric>{t('unitPrice')}</HeaderCell>
            <HeaderCell numeric>{t('quantity')}</HeaderCell>
            <HeaderCell numeric>{t('amount')}</HeaderCell>
          </TableHead>
          <TableBody>
            {lines.length === 0 ? (
              <EmptyRow colSpan={4}>{t('noLines')}</EmptyRow>
            ) : (
              lines.map((line) => (
                <Row key={line.id}>
                  <Cell wide className="font-medium sm:font-normal">
                    {line.name}
                  </Cell>
                  <Cell label={t('unitPrice')} numeric>
                    {money(line.unitPriceMinor)}
                  </Cell>
                  <Cell label={t('quantity')} numeric>
                    {line.quantity}
                  </Cell>
                  <Cell label={t('amount')} numeric>
                    {money(line.amount)}
                  </Cell>
                </Row>
              ))
            )}
          </TableBody>
        </Table>
      </section>

      {payments.length > 0 ? (
        <section aria-labelledby="payments-heading" className="flex flex-col gap-2">
          <h2 id="payments-heading" className="text-lg font-medium">
            {t('payments')}
          </h2>
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm shadow-sm">
            {payments.map((payment) => (
              <li key={payment.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <span>
                  <span className="font-mono">{payment.reference}</span> · {provider.has(payment.provider) ? provider(payment.provider) : payment.provider} ·{' '}
                  {format.dateTime(payment.createdAt)}
                </span>
                <span className="flex items-center gap-2">
                  {formatMoney(payment.amount, payment.currency)} <PaymentStateBadge payment={payment} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {manuallyPaidMethods.includes(order.paymentMethod) && (canMarkPaid || order.paidAt !== null) ? (
        <section aria-labelledby="mark-paid-heading" className="flex flex-col gap-2">
          <h2 id="mark-paid-heading" className="text-lg font-medium">
            {t('paymentReceived')}
          </h2>
          <p className="text-sm text-stone-600">
            {canMarkPaid ? t('markPaidHint', { method: method(order.paymentMethod) }) : t('settled')}
          </p>
          <MarkPaidForm
            action={markOrderPaidAction}
            orderId={order.id}
            enabled={canMarkPaid}
            orderNumber={order.number}
            customerName={customerName}
            amountText={formatMoney(order.amountTotal, order.currency)}
          />
        </section>
      ) : null}

      {isPaid(order) ? (
        <section aria-labelledby="refund-heading" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
          <h2 id="refund-heading" className="text-lg font-medium">
            {t('refundToWallet')}
          </h2>
          <p className="text-sm text-stone-600">
            {t.rich('refundToWalletHint', {
              refundable: formatMoney(refundable, order.currency),
              total: formatMoney(order.amountTotal, order.currency),
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <RefundForm
            action={refundOrderAction}
            orderId={order.id}
            orderNumber={order.number}
            customerName={customerName}
            attemptKey={crypto.randomUUID()}
            currency={order.currency}
            refundableText={formatMoney(refundable, order.currency)}
            refundableDecimal={toInputString(refundable, order.currency, locale)}
            disabled={refundable === 0}
          />
        </section>
      ) : null}

      {cards.length > 0 ? (
        <section aria-labelledby="refund-sources-heading" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
          <h2 id="refund-sources-heading" className="text-lg font-medium">
            {t('refundToSources')}
          </h2>
          <p className="text-sm text-stone-600">
            {t.rich('refundToSourcesHint', {
              card: formatMoney(Math.min(cardRefundable, refundable), order.currency),
              strong: (chunks) => <strong data-testid="order-card-refundable">{chunks}</strong>,
            })}
          </p>
          <RefundForm
            action={refundOrderToSourcesAction}
            orderId={order.id}
            orderNumber={order.number}
            customerName={customerName}
            kind="sources"
            attemptKey={crypto.randomUUID()}
            currency={order.currency}
            refundableText={formatMoney(refundable, order.currency)}
            refundableDecimal={toInputString(refundable, order.currency, locale)}
            disabled={refundable === 0}
            submitLabel={t('refundToSourcesSubmit')}
            idPrefix="refund-sources"
          />
        </section>
      ) : null}

      {lifecycle.canCancel || order.state === 'canceled' ? (
        <section aria-labelledby="cancel-heading" className="flex flex-col gap-3 rounded-xl border border-red-200 bg-white p-5 shadow-sm">
          <h2 id="cancel-heading" className="text-lg font-medium">
            {words('cancel.heading')}
          </h2>
          <p className="text-sm text-stone-600">
            {order.state === 'canceled'
              ? words('cancel.canceled', { date: order.canceledAt ? format.dateTime(order.canceledAt) : '' })
              : lifecycle.cancelRefund > 0
                ? words.rich('cancel.hintPaid', { amount: formatMoney(lifecycle.cancelRefund, order.currency), strong: (chunks) => <strong>{chunks}</strong> })
                : words('cancel.hintUnpaid')}
          </p>
          <CancelOrderForm
            action={cancelOrderAction}
            orderId={order.id}
            orderNumber={order.number}
            customerName={customerName}
            attemptKey={crypto.randomUUID()}
            paid={lifecycle.cancelRefund > 0}
            available={lifecycle.canCancel}
            amountText={formatMoney(lifecycle.cancelRefund > 0 ? lifecycle.cancelRefund : order.amountTotal, order.currency)}
          />
        </section>
      ) : null}

      <section aria-labelledby="history-heading" className="flex flex-col gap-3">
        <h2 id="history-heading" className="text-lg font-medium">
          {words('history.heading')}
        </h2>
        <OrderHistory entries={lifecycle.history} />
      </section>

      <section aria-labelledby="refunds-heading" className="flex flex-col gap-3">
        <h2 id="refunds-heading" className="text-lg font-medium">
          {t('refundsOfOrder')}
        </h2>
        <OrderRefunds rows={refunds} />
      </section>
    </div>
  );
}
