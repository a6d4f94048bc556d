import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { InvoicePaymentOutcome } from '@/components/invoices/invoice-payment-outcome';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Money } from '@/components/ui/money';
import { getDatabase } from '@/db';
import { getInvoicePaymentOutcome } from '@/lib/invoices/queries';
import { getPaymentOutcome } from '@/lib/payments/outcome';
import { peekCheckoutSession, type SessionView } from '@/lib/payments/stripe';
import { requireViewer } from '../../_server/session';
import { cancelCardPayment, confirmCardPayment } from './actions';

export const metadata: Metadata = { title: 'Payment' };

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
  const returnLink = payment.returnPath && !invoiceOutcome ? (
    <Link href={payment.returnPath} className={buttonClasses('primary')}>
      Continue where you were
    </Link>
  ) : null;

  return (
    <div className="mx-auto flex max-w-lg flex-col gap-5 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
      {payment.state === 'done' && !invoiceOutcome ? (
        <>
          <h1 className="text-2xl font-semibold text-green-800">Money added to your wallet</h1>
          <p role="status">
            <Money amount={payment.amount} currency={payment.currency} /> was added. Transaction reference{' '}
            <span className="font-mono font-medium" data-testid="transaction-reference">
              {outcome.transferReference}
            </span>
            .
          </p>
          <p>
            New balance:{' '}
            <strong data-testid="new-balance">
              <Money amount={outcome.walletAvailable} currency={payment.currency} />
            </strong>
          </p>
        </>
      ) : null}
      {payment.state === 'pending' && isWire ? (
        <>
          <h1 className="flex items-center gap-3 text-2xl font-semibold">
            Wire transfer instructions <Badge tone="warning">Pending</Badge>
          </h1>
          <p>
            Transfer <strong><Money amount={payment.amount} currency={payment.currency} /></strong> to the account below and
            write the reference on the transfer. Your balance does not change until the shop confirms the money has
            arrived.
          </p>
          <dl className="grid grid-cols-[10rem_1fr] gap-y-2 rounded-md bg-stone-50 p-4 text-sm">
            <dt className="text-stone-500">Reference</dt>
            <dd className="font-mono text-base font-semibold" data-testid="wire-reference">
              {payment.reference}
            </dd>
            <dt className="text-stone-500">Account holder</dt>
            <dd>{outcome.bank.holder}</dd>
            <dt className="text-stone-500">IBAN</dt>
            <dd className="font-mono">{outcome.bank.iban}</dd>
            <dt className="text-stone-500">Bank</dt>
            <dd>{outcome.bank.bank}</dd>
          </dl>
        </>
      ) : null}
      {payment.state === 'pending' && !isWire ? (
        <>
          <h1 className="text-2xl font-semibold">Waiting for the card payment</h1>
          <p role="status">We have not heard back from the card provider yet. This page shows the result once it arrives.</p>
          <Link href={`/payments/${payment.reference}`} className="text-brand-700 underline">
            Check again
          </Link>
        </>
      ) : null}
      {payment.state === 'canceled' || payment.state === 'error' ? (
        <>
          <h1 className="text-2xl font-semibold text-red-800">
            {payment.state === 'canceled' ? 'Payment cancelled' : 'Payment failed'}
          </h1>
          <p role="status">{payment.failureMessage ?? 'No money was taken.'} Your wallet was not charged or credited.</p>
        </>
      ) : null}
      {invoiceOutcome ? <InvoicePaymentOutcome payment={payment} outcome={invoiceOutcome} /> : null}
      <div className="flex flex-wrap gap-3">
        {payment.state === 'done' ? returnLink : null}
        <Link href="/my/wallet" className={buttonClasses(payment.state === 'done' && returnLink ? 'secondary' : 'primary')}>
          Back to My Wallet
        </Link>
      </div>
    </div>
  );
}

/** A Stripe payment not yet settled here: Stripe's answer shown at once, the page re-read every few seconds. */
function StripeWaiting({ reference, view, left }: { reference: string; view: SessionView; left: boolean }) {
  const refresh = view.status === 'paid' || view.status === 'processing' || (view.status === 'open' && !left);
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-5 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
      {refresh ? <meta httpEquiv="refresh" content="3" /> : null}
      {view.status === 'paid' ? (
        <>
          <h1 className="flex items-center gap-3 text-2xl font-semibold text-green-800">
            Payment received <Badge tone="success">Paid</Badge>
          </h1>
          <p role="status">Stripe has taken your card payment. We are recording it now: this page updates in a moment.</p>
        </>
      ) : view.status === 'processing' ? (
        <>
          <h1 className="text-2xl font-semibold">Your bank is processing the payment</h1>
          <p role="status">Stripe is waiting for your bank. This page shows the result once it arrives.</p>
        </>
      ) : view.status === 'open' && left ? (
        <>
          <h1 className="text-2xl font-semibold">You left the card payment page</h1>
          <p role="status">No money was taken. You can go back and pay, or cancel this payment.</p>
          {view.url ? (
            <a href={view.url} className={buttonClasses('primary')}>
              Back to the payment page
            </a>
          ) : null}
          <form action={cancelCardPayment}>
            <input type="hidden" name="reference" value={reference} />
            <button type="submit" className={buttonClasses('secondary')}>
              Cancel payment
            </button>
          </form>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">Waiting for the card payment</h1>
          <p role="status">We have not heard back from the card provider yet. This page shows the result once it arrives.</p>
        </>
      )}
      {view.status !== 'open' || !left ? (
        <form action={confirmCardPayment}>
          <input type="hidden" name="reference" value={reference} />
          <button type="submit" className="text-brand-700 underline">
            Check now
          </button>
        </form>
      ) : null}
      <Link href="/my/wallet" className={buttonClasses('secondary')}>
        Back to My Wallet
      </Link>
    </div>
  );
}
