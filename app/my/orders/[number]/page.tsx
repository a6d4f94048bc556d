import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { storedFailure } from '@/lib/payments/failures';
import { OrderSummary } from '@/components/checkout/order-summary';
import { PayByCardForm } from '@/components/checkout/pay-by-card-form';
import { PaymentList } from '@/components/checkout/payment-list';
import { OrderStatusBadge } from '@/components/shop/order-status-badge';
import { Money } from '@/components/ui/money';
import { PageHeading } from '@/components/ui/page-heading';
import { getOwnOrderDetails, type OrderDetails } from '@/lib/checkout/queries';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/money';
import { orderHistory, shopperOrderChoices } from '@/lib/orders/views';
import { requireViewer } from '../../../_server/session';
import { cancelOwnOrderAction, payOrderCardAgain, switchPaymentAction } from './actions';
import { DeliveryAddress } from '../delivery-address';
import { CancelOrderForm } from './cancel-order-form';
import { OrderHistory } from './order-history';
import { SwitchPaymentForm } from './switch-payment-form';

type Params = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await getTranslations('orders.detail'))('title', { number: (await params).number }) };
}

function WhatHappensNext({ details }: { details: OrderDetails }) {
  const t = useTranslations('orders.next');
  const methods = useTranslations('statuses.paymentMethod');
  const locale = useLocale();
  const format = useFormatter();
  const { order, payments, bank, splitInProgress } = details;
  const latest = payments[0];
  const failureWords = useTranslations('payments.failure');
  const failed = latest ? storedFailure(latest) : null;
  const box = 'flex flex-col gap-3 rounded-xl border p-5';
  const total = formatMoney(order.amountTotal, order.currency, intlLocale(isLocale(locale) ? locale : 'en'));
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' }) : '');
  // Cash on Delivery ships before it is paid: the courier takes the money.
  const cashDue = order.paymentMethod === 'cash_on_delivery' && order.paidAt === null ? <p>{t.rich('cashText', { amount: total, strong })}</p> : null;
  if (order.state === 'processing' || order.state === 'shipped' || order.state === 'delivered') {
    const heading = { processing: t('processingHeading'), shipped: t('shippedHeading'), delivered: t('deliveredHeading') }[order.state];
    return (
      <section className={`${box} border-green-200 bg-green-50`}>
        <h2 className="text-lg font-semibold text-green-900">{heading}</h2>
        <p role="status" className="text-green-900">
          {order.state === 'processing' ? t('processingText') : null}
          {order.state === 'shipped' ? t('shippedText', { date: when(order.shippedAt) }) : null}
          {order.state === 'delivered' ? t('deliveredText', { date: when(order.deliveredAt) }) : null}
        </p>
        {order.trackingNumber && order.state !== 'processing' ? (
          <p data-testid="order-tracking">{t.rich('tracking', { tracking: order.trackingNumber, strong })}</p>
        ) : null}
        {order.state === 'delivered' ? null : cashDue}
      </section>
    );
  }
  if (order.state === 'paid') {
    return (
      <section className={`${box} border-green-200 bg-green-50`}>
        <h2 className="text-lg font-semibold text-green-900">{t('paidHeading')}</h2>
        <p role="status" className="text-green-900">
          {t('paidText', { amount: total, method: methods(details.paymentChoice) })}
        </p>
      </section>
    );
  }
  if (order.state === 'canceled') {
    return (
      <section className={`${box} border-stone-200 bg-stone-50`}>
        <h2 className="text-lg font-semibold">{t('canceledHeading')}</h2>
        <p role="status">
          {t('canceledText', { date: when(order.canceledAt) })}{' '}
          {order.amountRefunded > 0
            ? t('canceledRefunded', { amount: formatMoney(order.amountRefunded, order.currency, intlLocale(isLocale(locale) ? locale : 'en')) })
            : null}
        </p>
      </section>
    );
  }
  if (order.paymentMethod === 'wire_transfer') {
    return (
      <section className={`${box} border-amber-200 bg-amber-50`}>
        <h2 className="text-lg font-semibold text-amber-950">{t('wireHeading')}</h2>
        <p>{t.rich('wireText', { amount: total, strong })}</p>
        <dl className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)] gap-x-3 gap-y-2 rounded-md bg-white p-4 text-sm [overflow-wrap:anywhere]">
          <dt className="text-stone-500">{t('reference')}</dt>
          <dd className="font-mono text-base font-semibold" data-testid="wire-reference">
            {latest?.reference}
          </dd>
          <dt className="text-stone-500">{t('accountHolder')}</dt>
          <dd>{bank?.holder}</dd>
          <dt className="text-stone-500">{t('iban')}</dt>
          <dd className="font-mono">{bank?.iban}</dd>
          <dt className="text-stone-500">{t('bank')}</dt>
          <dd>{bank?.bank}</dd>
        </dl>
      </section>
    );
  }
  if (order.paymentMethod === 'cash_on_delivery') {
    return (
      <section className={`${box} border-amber-200 bg-amber-50`}>
        <h2 className="text-lg font-semibold text-amber-950">{t('cashHeading')}</h2>
        <p>{t.rich('cashText', { amount: total, strong })}</p>
      </section>
    );
  }
  const cardOpen = latest?.state === 'pending' || latest?.state === 'authorized';
  const holdReleased = !cardOpen && payments.some((payment) => payment.provider === 'wallet' && payment.state === 'canceled');
  return (
    <section className={`${box} border-amber-200 bg-amber-50`}>
      <h2 className="text-lg font-semibold text-amber-950">
        {cardOpen ? t('cardWaitingHeading') : t('cardFailedHeading')}
      </h2>
      <p role="status">
        {cardOpen
          ? t('cardWaitingText')
          : [failed ? failureWords(failed.code, failed.params ?? {}) : t('noMoneyTaken'), holdReleased ? t('holdReleased') : null, t('orderKept')].filter(Boolean).join(' ')}
      </p>
      {splitInProgress ? (
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 rounded-md bg-white p-4 text-sm sm:grid-cols-[14rem_1fr]" data-testid="split-progress">
          <dt className="text-stone-500">{t('heldFromWallet')}</dt>
          <dd className="font-medium">
            <Money amount={splitInProgress.held} currency={order.currency} />
          </dd>
          <dt className="text-stone-500">{t('remainingByCard')}</dt>
          <dd className="font-medium" data-testid="split-remaining">
            <Money amount={splitInProgress.remaining} currency={order.currency} />
          </dd>
        </dl>
      ) : null}
      <PayByCardForm
        action={payOrderCardAgain}
        orderNumber={order.number}
        attemptKey={crypto.randomUUID()}
        label={cardOpen ? t('continueCard') : t('payByCard')}
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
  const { order, lines, payments, statusCode, walletAvailable } = details;
  const db = getDatabase();
  const [t, methods, format, locale, history, choices] = await Promise.all([
    getTranslations('orders.detail'),
    getTranslations('statuses.paymentMethod'),
    getFormatter(),
    getLocale(),
    orderHistory(db.read, order),
    shopperOrderChoices(db.read, order),
  ]);
  const money = (amount: number) => formatMoney(amount, order.currency, intlLocale(isLocale(locale) ? locale : 'en'));

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('title', { number: order.number })}>
        <Link href="/my/orders" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>
      <WhatHappensNext details={details} />
      <dl className="grid gap-4 rounded-xl border border-stone-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-3">
        <div>
          <dt className="text-stone-500">{t('number')}</dt>
          <dd className="font-mono text-base font-semibold" data-testid="order-number">
            {order.number}
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">{t('placed')}</dt>
          <dd>
            <time dateTime={order.createdAt.toISOString()}>{format.dateTime(order.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time>
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">{t('status')}</dt>
          <dd data-testid="order-status">
            <OrderStatusBadge status={statusCode} />
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">{t('paymentMethod')}</dt>
          <dd data-testid="order-payment-method">{methods(details.paymentChoice)}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t('total')}</dt>
          <dd className="text-base font-semibold">
            <Money amount={order.amountTotal} currency={order.currency} />
          </dd>
        </div>
        {walletAvailable !== null ? (
          <div>
            <dt className="text-stone-500">{t('walletRemaining')}</dt>
            <dd className="text-base font-semibold" data-testid="wallet-remaining">
              <Money amount={walletAvailable} currency={order.currency} />
            </dd>
          </div>
        ) : null}
      </dl>
      {choices.switchTo.length > 0 ? (
        <SwitchPaymentForm
          action={switchPaymentAction}
          orderNumber={order.number}
          attemptKey={crypto.randomUUID()}
          methods={choices.switchTo}
          walletAvailable={money(choices.walletForOrder)}
        />
      ) : null}
      {choices.canCancel ? <CancelOrderForm action={cancelOwnOrderAction} orderNumber={order.number} amount={money(order.amountTotal)} /> : null}
      <OrderSummary
        title={t('items')}
        lines={lines.filter((line) => line.kind === 'product').map((line) => ({ key: line.id, ...line }))}
        total={order.amountTotal}
        currency={order.currency}
        totals={details.totals}
      />
      <DeliveryAddress order={order} heading={t('deliverTo')} pickup={t('pickup')} />
      <PaymentList payments={payments} />
      <OrderHistory entries={history} />
    </div>
  );
}
