import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDatabase } from '@/db';
import { InvoiceStatusBadge } from '@/components/invoices/invoice-status-badge';
import { PayInvoiceForm, type InvoicePayChoices } from '@/components/invoices/pay-invoice-form';
import { buttonClasses } from '@/components/ui/button';
import { Money } from '@/components/ui/money';
import { PageHeading } from '@/components/ui/page-heading';
import { invoicePayOptions } from '@/lib/invoices/pay-options';
import { getOwnInvoice, listInvoicePayments, type InvoiceDetail } from '@/lib/invoices/queries';
import { getBalance } from '@/lib/ledger';
import { toDecimalString } from '@/lib/money';
import { findOwnPayment } from '@/lib/payments/records';
import { findWalletHold } from '@/lib/payments/split';
import { cardProviderIsDemo } from '@/lib/payments/providers';
import { getSettings, type ShopSettings } from '@/lib/settings';
import { requireViewer } from '../../../_server/session';
import { payInvoice } from './actions';

export const metadata: Metadata = { title: 'Invoice' };

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const cell = 'px-4 py-2';

/** Which ways of paying the Pay Now form offers for this invoice and wallet. */
function payChoices(invoice: InvoiceDetail, walletAvailable: number, settings: ShopSettings): InvoicePayChoices {
  const options = invoicePayOptions(invoice.amountResidual, walletAvailable);
  const topUpAmount = Math.min(Math.max(options.shortfall, settings.minTopUp), settings.maxTopUp);
  const walletOn = settings.enabledPaymentMethods.includes('wallet');
  return {
    amountDue: invoice.amountResidual,
    currency: invoice.currency,
    wallet: walletOn ? { available: walletAvailable, covers: options.walletCovers, partialAmount: options.partialAmount } : null,
    cardLabel: settings.enabledPaymentMethods.includes('card')
      ? cardProviderIsDemo()
        ? 'Card (Demo — no real money is charged)'
        : 'Card'
      : null,
    split:
      walletOn && settings.enabledPaymentMethods.includes('card') && options.partialAmount > 0
        ? { walletPart: options.partialAmount, cardPart: options.shortfall }
        : null,
    topUp:
      walletOn && options.shortfall > 0
        ? {
            amount: topUpAmount,
            href: `/my/wallet/add?amount=${toDecimalString(topUpAmount, invoice.currency)}&return=/my/invoices/${invoice.id}`,
          }
        : null,
  };
}

export default async function InvoicePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ paid?: string }>;
}) {
  const { id } = await params;
  const viewer = await requireViewer(`/my/invoices/${id}`);
  // A Wallet and Card hold past its time limit is released by the 'expire-split-holds' job, not here.
  const { read } = getDatabase();
  const invoice = /^\d{1,12}$/.test(id) ? await getOwnInvoice(read, viewer.id, Number(id)) : undefined;
  if (!invoice) notFound();
  const { paid } = await searchParams;
  const payments = await listInvoicePayments(read, invoice.id);
  const walletAvailable = (await getBalance(read, { wallet: viewer.id, currency: invoice.currency })).available;
  const heldForInvoice = await findWalletHold(read, { invoiceId: invoice.id });
  const justPaid = typeof paid === 'string' ? await findOwnPayment(read, viewer.id, paid.slice(0, 40)) : undefined;
  const settings = await getSettings(read);
  const notice = justPaid?.invoiceId === invoice.id && justPaid.state === 'done' ? justPaid : undefined;

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={`Invoice ${invoice.number}`}>
        <a href={`/my/invoices/${invoice.id}/pdf`} download className={buttonClasses('secondary')}>
          Download PDF
        </a>
        <Link href="/my/invoices" className="text-sm text-brand-700 underline">
          Back to Invoices
        </Link>
      </PageHeading>

      {notice ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-green-800">
          Paid <Money amount={notice.amount} currency={notice.currency} /> from your wallet (payment{' '}
          <span className="font-mono">{notice.reference}</span>).
        </p>
      ) : null}

      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs uppercase tracking-wide text-stone-500">Status</dt>
          <dd className="mt-1" data-testid="invoice-status">
            <InvoiceStatusBadge state={invoice.paymentState} />
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-stone-500">Date</dt>
          <dd className="mt-1">{dateFormat.format(invoice.invoiceDate)}</dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-stone-500">Due date</dt>
          <dd className="mt-1">{dateFormat.format(invoice.dueDate)}</dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-stone-500">Amount due</dt>
          <dd className="mt-1 text-lg font-semibold" data-testid="amount-due">
            <Money amount={invoice.amountResidual} currency={invoice.currency} />
          </dd>
        </div>
      </dl>

      <section aria-labelledby="lines-heading" className="flex flex-col gap-2">
        <h2 id="lines-heading" className="text-lg font-medium">
          Lines
        </h2>
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
              <tr>
                <th scope="col" className={cell}>Description</th>
                <th scope="col" className={`${cell} text-right`}>Quantity</th>
                <th scope="col" className={`${cell} text-right`}>Unit price</th>
                <th scope="col" className={`${cell} text-right`}>Amount</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {invoice.lines.map((line) => (
                <tr key={line.id}>
                  <td className={cell}>{line.description}</td>
                  <td className={`${cell} text-right tabular-nums`}>{line.quantity}</td>
                  <td className={`${cell} text-right`}><Money amount={line.unitPriceMinor} currency={invoice.currency} /></td>
                  <td className={`${cell} text-right`}><Money amount={line.amount} currency={invoice.currency} /></td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-stone-200 font-medium">
              <tr>
                <th scope="row" colSpan={3} className={`${cell} text-right`}>Total</th>
                <td className={`${cell} text-right`} data-testid="invoice-total"><Money amount={invoice.amountTotal} currency={invoice.currency} /></td>
              </tr>
              <tr>
                <th scope="row" colSpan={3} className={`${cell} text-right`}>Amount due</th>
                <td className={`${cell} text-right`}><Money amount={invoice.amountResidual} currency={invoice.currency} /></td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section aria-labelledby="payments-heading" className="flex flex-col gap-2">
        <h2 id="payments-heading" className="text-lg font-medium">
          Payments applied
        </h2>
        {payments.length === 0 ? (
          <p className="text-sm text-stone-600">No payments yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
                <tr>
                  <th scope="col" className={cell}>Date</th>
                  <th scope="col" className={cell}>Method</th>
                  <th scope="col" className={cell}>Reference</th>
                  <th scope="col" className={`${cell} text-right`}>Amount</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {payments.map((payment) => (
                  <tr key={payment.id}>
                    <td className={cell}>{dateFormat.format(payment.date)}</td>
                    <td className={cell}>{payment.method}</td>
                    <td className={`${cell} font-mono`}>{payment.reference}</td>
                    <td className={`${cell} text-right`}><Money amount={payment.amount} currency={payment.currency} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {invoice.amountResidual > 0 ? (
        <section aria-labelledby="pay-heading" className="flex flex-col gap-3 rounded-lg border border-stone-200 bg-stone-50 p-5">
          <h2 id="pay-heading" className="text-lg font-medium">
            Pay Now
          </h2>
          {heldForInvoice ? (
            <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="split-progress">
              Wallet and Card in progress: <Money amount={heldForInvoice.amount} currency={invoice.currency} /> held from your
              wallet, <Money amount={invoice.amountResidual - heldForInvoice.amount} currency={invoice.currency} /> remaining by card.
            </p>
          ) : null}
          <PayInvoiceForm
            action={payInvoice}
            invoiceId={invoice.id}
            attemptKey={crypto.randomUUID()}
            choices={payChoices(invoice, walletAvailable, settings)}
          />
        </section>
      ) : null}
    </div>
  );
}
