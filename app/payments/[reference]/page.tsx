import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { paymentFailureWords } from '@/components/payments/failure-words';
import { InvoicePaymentOutcome } from '@/components/invoices/invoice-payment-outcome';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { getShopperFormat } from '@/components/wallet/format';
import { getDatabase } from '@/db';
import { getInvoicePaymentOutcome } from '@/lib/invoices/queries';
import { getPaymentOutcome } from '@/lib/payments/outcome';
import { peekCheckoutSession, type SessionView } from '@/lib/payments/stripe';
import { requireViewer } from '../../_server/session';
import { cancelCardPayment, confirmCardPayment } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('payments.outcome');
  return { title: t('metaTitle') };
}

export default async function PaymentOutcomePage({
  params,
  searchParams,
}: {
  params: Promise<{ reference: string }>;
  searchParams: Promise<{ left?: string }>;
}) {
  const { reference } = await params;
  const { left } = await searchParams;
  const viewer = await requireViewer(`/payments/${reference}`);
  const db = getDatabase();
  const outcome = await getPaymentOutcome(db.read, viewer.id, reference);
  if (!outcome) notFound();
  const { payment } = outcome;
  // A Stripe payment still open: what Stripe says, read only (this GET moves no money; the
  // webhook, the reconcile job or "Check now" apply it).
  const atStripe = payment.provider === 'stripe' && payment.state === 'pending' ? await peekCheckoutSession(payment) : undefined;
  if (atStripe) return <StripeWaiting reference={payment.reference} view={atStripe} left={left === '1'} />;
  // An order's card payment ends on the order's own page (its returnPath, set by lib/checkout).
  if (payment.purpose === 'order' && payment.returnPath) redirect(payment.returnPath);
  const isWire = payment.provider === 'wire_transfer';
  const invoiceOutcome = await getInvoicePaymentOutcome(db.read, viewer.id, payment);
  const [t, tStatus, format] = await Promise.all([getTranslations('payments.outcome'), getTranslations('statuses'), getShopperFormat()]);
  const amount = format.money(payment.amount, payment.currency);
  const returnLink = payment.returnPath && !invoiceOutcome ? (
    <Link href={payment.returnPath} className={buttonClasses('primary')}>
      {t('continue')}
    </Link>
  ) : null;

  return (
    <div className="mx-auto flex max-w-lg flex-col gap-5 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
      {payment.state === 'done' && !invoiceOutcome ? (
        <>
          <h1 className="text-2xl font-semibold text-green-800">{t('addedHeading')}</h1>
          <p role="status">
            {t.rich('added', {
              amount,
              reference: outcome.transferReference ?? '',
              ref: (chunks) => (
                <span className="font-mono font-medium" data-testid="transaction-reference">
                  {chunks}
                </span>
              ),
            })}
          </p>
          <p>
            {t.rich('newBalance', {
              amount: format.money(outcome.walletAvailable, payment.currency),
              strong: (chunks) => <strong data-testid="new-balance">{chunks}</strong>,
            })}
          </p>
        </>
      ) : null}
      {payment.state === 'pending' && isWire ? (
        <>
          <h1 className="flex items-center gap-3 text-2xl font-semibold">
            {t('wireHeading')} <Badge tone="warning">{tStatus('payment.pending')}</Badge>
          </h1>
          <p>
            {t.rich('wireText', { amount, strong: (chunks) => <strong>{chunks}</strong> })}
          </p>
          <dl className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)] gap-x-3 gap-y-2 rounded-md bg-stone-50 p-4 text-sm [overflow-wrap:anywhere]">
            <dt className="text-stone-500">{t('reference')}</dt>
            <dd className="font-mono text-base font-semibold" data-testid="wire-reference">
              {payment.reference}
            </dd>
            <dt className="text-stone-500">{t('accountHolder')}</dt>
            <dd>{outcome.bank.holder}</dd>
            <dt className="text-stone-500">{t('iban')}</dt>
            <dd className="font-mono">{outcome.bank.iban}</dd>
            <dt className="text-stone-500">{t('bank')}</dt>
            <dd>{outcome.bank.bank}</dd>
          </dl>
        </>
      ) : null}
      {payment.state === 'pending' && !isWire ? (
        <>
          <h1 className="text-2xl font-semibold">{t('waitingHeading')}</h1>
          <p role="status">{t('waitingText')}</p>
          <Link href={`/payments/${payment.reference}`} className="text-brand-700 underline">
            {t('checkAgain')}
          </Link>
        </>
      ) : null}
      {payment.state === 'canceled' || payment.state === 'error' ? (
        <>
          <h1 className="text-2xl font-semibold text-red-800">
            {payment.state === 'canceled' ? t('canceledHeading') : t('failedHeading')}
          </h1>
          <p role="status">
            {(await paymentFailureWords(payment)) ?? t('noMoneyTaken')} {t('walletUntouched')}
          </p>
        </>
      ) : null}
      {invoiceOutcome ? <InvoicePaymentOutcome payment={payment} outcome={invoiceOutcome} /> : null}
      <div className="flex flex-wrap gap-3">
        {payment.state === 'done' ? returnLink : null}
        <Link href="/my/wallet" className={buttonClasses(payment.state === 'done' && returnLink ? 'secondary' : 'primary')}>
          {t('back')}
        </Link>
      </div>
    </div>
  );
}

/** A Stripe payment not yet settled here: Stripe's answer shown at once, the page re-read every few seconds. */
async function StripeWaiting({ reference, view, left }: { reference: string; view: SessionView; left: boolean }) {
  const [t, tOutcome, tStatus] = await Promise.all([getTranslations('payments.stripe'), getTranslations('payments.outcome'), getTranslations('statuses')]);
  const refresh = view.status === 'paid' || view.status === 'processing' || (view.status === 'open' && !left);
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-5 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
      {refresh ? <meta httpEquiv="refresh" content="3" /> : null}
      {view.status === 'paid' ? (
        <>
          <h1 className="flex items-center gap-3 text-2xl font-semibold text-green-800">
            {t('receivedHeading')} <Badge tone="success">{tStatus('payment.done')}</Badge>
          </h1>
          <p role="status">{t('receivedText')}</p>
        </>
      ) : view.status === 'processing' ? (
        <>
          <h1 className="text-2xl font-semibold">{t('processingHeading')}</h1>
          <p role="status">{t('processingText')}</p>
        </>
      ) : view.status === 'open' && left ? (
        <>
          <h1 className="text-2xl font-semibold">{t('leftHeading')}</h1>
          <p role="status">{t('leftText')}</p>
          {view.url ? (
            <a href={view.url} className={buttonClasses('primary')}>
              {t('backToPayment')}
            </a>
          ) : null}
          <form action={cancelCardPayment}>
            <input type="hidden" name="reference" value={reference} />
            <button type="submit" className={buttonClasses('secondary')}>
              {t('cancel')}
            </button>
          </form>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">{tOutcome('waitingHeading')}</h1>
          <p role="status">{tOutcome('waitingText')}</p>
        </>
      )}
      {view.status !== 'open' || !left ? (
        <form action={confirmCardPayment}>
          <input type="hidden" name="reference" value={reference} />
          <button type="submit" className="text-brand-700 underline">
            {t('checkNow')}
          </button>
        </form>
      ) : null}
      <Link href="/my/wallet" className={buttonClasses('secondary')}>
        {tOutcome('back')}
      </Link>
    </div>
  );
}
