import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Money } from '@/components/ui/money';
import type { Payment } from '@/db/schema';
import { invoiceStatusLabels } from '@/lib/invoices/status';
import type { InvoicePaymentOutcome as Outcome } from '@/lib/invoices/queries';

/** What the payment outcome page says about a card payment of an invoice, with a way back to it. */
export function InvoicePaymentOutcome({ payment, outcome }: { payment: Payment; outcome: Outcome }) {
  const back = (
    <Link href={`/my/invoices/${outcome.invoiceId}`} className={buttonClasses('primary')}>
      Back to invoice {outcome.invoiceNumber}
    </Link>
  );
  if (payment.state !== 'done') return <div>{back}</div>;
  return (
    <>
      <h1 className="text-2xl font-semibold text-green-800">Invoice payment received</h1>
      <p role="status">
        {outcome.applied > 0 ? (
          <>
            <Money amount={outcome.applied} currency={payment.currency} /> was paid towards invoice {outcome.invoiceNumber}
            .{' '}
          </>
        ) : null}
        {outcome.keptInWallet > 0 ? (
          <>
            Other payments had settled the invoice meanwhile, so <Money amount={outcome.keptInWallet} currency={payment.currency} />{' '}
            of your card payment was added to your wallet.{' '}
          </>
        ) : null}
        The invoice is now {invoiceStatusLabels[outcome.paymentState]}; amount due{' '}
        <strong data-testid="invoice-amount-due">
          <Money amount={outcome.amountResidual} currency={payment.currency} />
        </strong>
        .
      </p>
      <div>{back}</div>
    </>
  );
}
