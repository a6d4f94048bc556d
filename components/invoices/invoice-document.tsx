import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Money } from '@/components/ui/money';
import { getShopperFormat } from '@/components/wallet/format';
import type { InvoiceLine } from '@/db/schema';
import type { InvoiceDetail, InvoicePaymentRow, RelatedDocument } from '@/lib/invoices/queries';
import { totalsByRate } from '@/lib/orders/tax';

const cell = 'px-4 py-2';
const table = 'overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm';
const head = 'bg-stone-100 text-xs uppercase tracking-wide text-stone-600';

/** A tax rate in basis points as people read it: "20%" / "%20", "8.5%" / "%8,5". */
export async function getRateFormat(): Promise<(rateBp: number) => string> {
  const t = await getTranslations('invoices.detail');
  return (rateBp) => t('rate', { rate: rateBp / 100 });
}

/**
 * An invoice's (or credit note's) lines with each line's tax rate, then net, tax and total, and
 * the amount due for an invoice. For the shopper's and the staff's invoice pages alike.
 */
export async function InvoiceLinesTable({ invoice }: { invoice: InvoiceDetail }) {
  const [t, rate] = await Promise.all([getTranslations('invoices.detail'), getRateFormat()]);
  const money = (amount: number) => <Money amount={amount} currency={invoice.currency} />;
  const isInvoice = invoice.kind === 'invoice';
  return (
    <section aria-labelledby="lines-heading" className="flex flex-col gap-2">
      <h2 id="lines-heading" className="text-lg font-medium">
        {t('lines')}
      </h2>
      <div className={table}>
        <table className="w-full text-left text-sm">
          <thead className={head}>
            <tr>
              <th scope="col" className={cell}>{t('description')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('quantity')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('unitPrice')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('taxRate')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('amount')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {invoice.lines.map((line: InvoiceLine) => (
              <tr key={line.id}>
                <td className={cell}>
                  {line.description}
                  {line.kind === 'shipping' ? <span className="ml-2 text-xs text-stone-500">{t('shippingLine')}</span> : null}
                </td>
                <td className={`${cell} text-right tabular-nums`}>{line.quantity}</td>
                <td className={`${cell} text-right`}>{money(line.unitPriceMinor)}</td>
                <td className={`${cell} text-right tabular-nums`}>{rate(line.taxRateBp)}</td>
                <td className={`${cell} text-right`}>{money(line.amount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-stone-200">
            <tr>
              <th scope="row" colSpan={4} className={`${cell} text-right font-normal`}>{t('net')}</th>
              <td className={`${cell} text-right`} data-testid="invoice-net">{money(invoice.amountNet)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4} className={`${cell} text-right font-normal`}>{t('tax')}</th>
              <td className={`${cell} text-right`} data-testid="invoice-tax">{money(invoice.amountTax)}</td>
            </tr>
            <tr className="font-medium">
              <th scope="row" colSpan={4} className={`${cell} text-right`}>{t(isInvoice ? 'total' : 'creditTotal')}</th>
              <td className={`${cell} text-right`} data-testid="invoice-total">{money(invoice.amountTotal)}</td>
            </tr>
            {isInvoice && invoice.amountCredited > 0 ? (
              <tr>
                <th scope="row" colSpan={4} className={`${cell} text-right font-normal`}>{t('credited')}</th>
                <td className={`${cell} text-right`} data-testid="invoice-credited">{money(invoice.amountCredited)}</td>
              </tr>
            ) : null}
            {isInvoice ? (
              <tr className="font-medium">
                <th scope="row" colSpan={4} className={`${cell} text-right`}>{t('amountDue')}</th>
                <td className={`${cell} text-right`}>{money(invoice.amountResidual)}</td>
              </tr>
            ) : null}
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** Net, tax and gross per tax rate: sums of the lines' stored amounts. */
export async function TaxSummaryTable({ invoice }: { invoice: InvoiceDetail }) {
  const [t, rate] = await Promise.all([getTranslations('invoices.detail'), getRateFormat()]);
  const groups = totalsByRate(invoice.lines);
  const money = (amount: number) => <Money amount={amount} currency={invoice.currency} />;
  return (
    <section aria-labelledby="tax-heading" className="flex flex-col gap-2">
      <h2 id="tax-heading" className="text-lg font-medium">
        {t('taxSummary')}
      </h2>
      <div className={table}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('taxSummaryCaption')}</caption>
          <thead className={head}>
            <tr>
              <th scope="col" className={cell}>{t('taxRate')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('net')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('tax')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('gross')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {groups.map((group) => (
              <tr key={group.taxRateBp}>
                <th scope="row" className={`${cell} font-normal tabular-nums`}>{rate(group.taxRateBp)}</th>
                <td className={`${cell} text-right`}>{money(group.net)}</td>
                <td className={`${cell} text-right`}>{money(group.tax)}</td>
                <td className={`${cell} text-right`}>{money(group.gross)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** An invoice's credit notes (number, date, amount), each linking to its page. */
export async function CreditNotesList({ creditNotes, hrefFor }: { creditNotes: RelatedDocument[]; hrefFor: (id: number) => string }) {
  if (creditNotes.length === 0) return null;
  const [t, format] = await Promise.all([getTranslations('invoices.detail'), getShopperFormat()]);
  return (
    <section aria-labelledby="credit-notes-heading" className="flex flex-col gap-2">
      <h2 id="credit-notes-heading" className="text-lg font-medium">
        {t('creditNotes')}
      </h2>
      <div className={table}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('creditNotes')}</caption>
          <thead className={head}>
            <tr>
              <th scope="col" className={cell}>{t('number')}</th>
              <th scope="col" className={cell}>{t('date')}</th>
              <th scope="col" className={`${cell} text-right`}>{t('amount')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {creditNotes.map((note) => (
              <tr key={note.id}>
                <td className={cell}>
                  <Link href={hrefFor(note.id)} className="font-mono text-brand-700 underline">
                    {note.number}
                  </Link>
                </td>
                <td className={cell}>{format.date(note.invoiceDate)}</td>
                <td className={`${cell} text-right`}>
                  <Money amount={note.amountTotal} currency={note.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The payments applied to an invoice: date, method, reference and what reached the invoice. */
export async function InvoicePaymentsTable({ payments }: { payments: InvoicePaymentRow[] }) {
  const [t, tProvider, format] = await Promise.all([getTranslations('invoices.detail'), getTranslations('orders.provider'), getShopperFormat()]);
  return (
    <section aria-labelledby="payments-heading" className="flex flex-col gap-2">
      <h2 id="payments-heading" className="text-lg font-medium">
        {t('paymentsApplied')}
      </h2>
      {payments.length === 0 ? (
        <p className="text-sm text-stone-600">{t('noPayments')}</p>
      ) : (
        <div className={table}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('paymentsApplied')}</caption>
            <thead className={head}>
              <tr>
                <th scope="col" className={cell}>{t('date')}</th>
                <th scope="col" className={cell}>{t('method')}</th>
                <th scope="col" className={cell}>{t('reference')}</th>
                <th scope="col" className={`${cell} text-right`}>{t('amount')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {payments.map((payment) => (
                <tr key={payment.id}>
                  <td className={cell}>{format.date(payment.date)}</td>
                  <td className={cell}>{tProvider(payment.provider)}</td>
                  <td className={`${cell} font-mono`}>{payment.reference}</td>
                  <td className={`${cell} text-right`}>
                    <Money amount={payment.amount} currency={payment.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
