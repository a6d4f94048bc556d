import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { InvoicePaymentOutcome } from '@/components/invoices/invoice-payment-outcome';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Money } from '@/components/ui/money';
import { getInvoicePaymentOutcome } from '@/lib/invoices/queries';
import { getPaymentOutcome } from '@/lib/payments/outcome';
import { requireViewer } from '../../_server/session';

export const metadata: Metadata = { title: 'Payment' };

export default async function PaymentOutcomePage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const viewer = await requireViewer(`/payments/${reference}`);
  const outcome = getPaymentOutcome(viewer.id, reference);
  if (!outcome) notFound();
  const { payment } = outcome;
  // An order's card payment ends on the order's own page (its returnPath, set by lib/checkout).
  if (payment.purpose === 'order' && payment.returnPath) redirect(payment.returnPath);
  const isWire = payment.provider === 'wire_transfer';
  const invoiceOutcome = getInvoicePaymentOutcome(viewer.id, payment);
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
