import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDatabase } from '@/db';
import { OrderSummary } from '@/components/checkout/order-summary';
import { PayByCardForm } from '@/components/checkout/pay-by-card-form';
import { PaymentList } from '@/components/checkout/payment-list';
import { OrderStatusBadge } from '@/components/shop/order-status-badge';
import { Money } from '@/components/ui/money';
import { PageHeading } from '@/components/ui/page-heading';
import { getOwnOrderDetails, type OrderDetails } from '@/lib/checkout/queries';
import { requireViewer } from '../../../_server/session';
import { payOrderCardAgain } from './actions';

type Params = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Order ${(await params).number}` };
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function WhatHappensNext({ details }: { details: OrderDetails }) {
  const { order, payments, bank, splitInProgress } = details;
  const latest = payments[0];
  const box = 'flex flex-col gap-3 rounded-xl border p-5';
  if (order.state === 'paid') {
    return (
      <section className={`${box} border-green-200 bg-green-50`}>
        <h2 className="text-lg font-semibold text-green-900">Thank you: your order is paid</h2>
        <p role="status" className="text-green-900">
          We received <Money amount={order.amountTotal} currency={order.currency} /> by {details.paymentMethodLabel}.
        </p>
      </section>
    );
  }
  if (order.state === 'canceled') {
    return (
      <section className={`${box} border-stone-200 bg-stone-50`}>
        <h2 className="text-lg font-semibold">This order was cancelled</h2>
      </section>
    );
  }
  if (order.paymentMethod === 'wire_transfer') {
    return (
      <section className={`${box} border-amber-200 bg-amber-50`}>
        <h2 className="text-lg font-semibold text-amber-950">Order confirmed: waiting for your wire transfer</h2>
        <p>
          Transfer <strong><Money amount={order.amountTotal} currency={order.currency} /></strong> to the account below and write
          the reference on the transfer. We ship once the money arrives.
        </p>
        <dl className="grid grid-cols-[10rem_1fr] gap-y-2 rounded-md bg-white p-4 text-sm">
          <dt className="text-stone-500">Reference</dt>
          <dd className="font-mono text-base font-semibold" data-testid="wire-reference">
            {latest?.reference}
          </dd>
          <dt className="text-stone-500">Account holder</dt>
          <dd>{bank?.holder}</dd>
          <dt className="text-stone-500">IBAN</dt>
          <dd className="font-mono">{bank?.iban}</dd>
          <dt className="text-stone-500">Bank</dt>
          <dd>{bank?.bank}</dd>
        </dl>
      </section>
    );
  }
  if (order.paymentMethod === 'cash_on_delivery') {
    return (
      <section className={`${box} border-amber-200 bg-amber-50`}>
        <h2 className="text-lg font-semibold text-amber-950">Order confirmed: pay on delivery</h2>
        <p>
          Please have <strong><Money amount={order.amountTotal} currency={order.currency} /></strong> ready for the courier.
        </p>
      </section>
    );
  }
  const cardOpen = latest?.state === 'pending' || latest?.state === 'authorized';
  const holdReleased = !cardOpen && payments.some((payment) => payment.provider === 'wallet' && payment.state === 'canceled');
  return (
    <section className={`${box} border-amber-200 bg-amber-50`}>
      <h2 className="text-lg font-semibold text-amber-950">
        {cardOpen ? 'Waiting for the card payment' : 'The card payment did not go through'}
      </h2>
      <p role="status">
        {cardOpen
          ? 'Your order is confirmed and will be paid once the card payment completes.'
          : `${latest?.failureMessage ?? 'No money was taken.'}${holdReleased ? ' The amount held from your wallet was released.' : ''} Your order is kept: you can pay it by card again.`}
      </p>
      {splitInProgress ? (
        <dl className="grid grid-cols-[14rem_1fr] gap-y-1 rounded-md bg-white p-4 text-sm" data-testid="split-progress">
          <dt className="text-stone-500">Held from your wallet</dt>
          <dd className="font-medium">
            <Money amount={splitInProgress.held} currency={order.currency} />
          </dd>
          <dt className="text-stone-500">Remaining to pay by card</dt>
          <dd className="font-medium" data-testid="split-remaining">
            <Money amount={splitInProgress.remaining} currency={order.currency} />
          </dd>
        </dl>
      ) : null}
      <PayByCardForm
        action={payOrderCardAgain}
        orderNumber={order.number}
        attemptKey={crypto.randomUUID()}
        label={cardOpen ? 'Continue to card payment' : 'Pay by card'}
      />
    </section>
  );
}

export default async function OrderPage({ params }: Params) {
  const { number } = await params;
  const viewer = await requireViewer(`/my/orders/${number}`);
  // A Wallet and Card hold past its time limit is released by the 'expire-split-holds' job, not here.
  const details = await getOwnOrderDetails(getDatabase().read, viewer.id, number);
  if (!details) notFound();
  const { order, lines, payments, status, walletAvailable } = details;

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={`Order ${order.number}`}>
        <Link href="/my/orders" className="text-sm text-brand-700 underline">
          Back to My Orders
        </Link>
      </PageHeading>
      <WhatHappensNext details={details} />
      <dl className="grid gap-4 rounded-xl border border-stone-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-3">
        <div>
          <dt className="text-stone-500">Order number</dt>
          <dd className="font-mono text-base font-semibold" data-testid="order-number">
            {order.number}
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">Placed</dt>
          <dd>
            <time dateTime={order.createdAt.toISOString()}>{dateFormat.format(order.createdAt)} UTC</time>
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">Status</dt>
          <dd data-testid="order-status">
            <OrderStatusBadge status={status} />
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">Payment method</dt>
          <dd data-testid="order-payment-method">{details.paymentMethodLabel}</dd>
        </div>
        <div>
          <dt className="text-stone-500">Total</dt>
          <dd className="text-base font-semibold">
            <Money amount={order.amountTotal} currency={order.currency} />
          </dd>
        </div>
        {walletAvailable !== null ? (
          <div>
            <dt className="text-stone-500">Remaining wallet balance</dt>
            <dd className="text-base font-semibold" data-testid="wallet-remaining">
              <Money amount={walletAvailable} currency={order.currency} />
            </dd>
          </div>
        ) : null}
      </dl>
      <OrderSummary
        title="Items"
        lines={lines.map((line) => ({ key: line.id, ...line }))}
        total={order.amountTotal}
        currency={order.currency}
      />
      <PaymentList payments={payments} />
    </div>
  );
}
