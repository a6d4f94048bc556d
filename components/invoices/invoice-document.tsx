import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableFoot, TableHead, TotalRow } from '@/components/tables/table';
import { Money } from '@/components/ui/money';
import { getShopperFormat } from '@/components/wallet/format';
import type { InvoiceLine } from '@/db/schema';
import type { InvoiceDetail, InvoicePaymentRow, RelatedDocument } from '@/lib/invoices/queries';
import { totalsByRate } from '@/lib/orders/tax';


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
      <Table caption={t('lines')}>
        <TableHead>
          <HeaderCell>{t('description')}</HeaderCell>
          <HeaderCell numeric>{t('quantity')}</HeaderCell>
          <HeaderCell numeric>{t('unitPrice')}</HeaderCell>
          <HeaderCell numeric>{t('taxRate')}</HeaderCell>
          <HeaderCell numeric>{t('amount')}</HeaderCell>
        </TableHead>
        <TableBody>
          {invoice.lines.map((line: InvoiceLine) => (
            <Row key={line.id}>
              <Cell wide>
                {line.description}
                {line.kind === 'shipping' ? <span className="ml-2 text-xs text-stone-600">{t('shippingLine')}</span> : null}
              </Cell>
              <Cell label={t('quantity')} numeric>
                {line.quantity}
              </Cell>
              <Cell label={t('unitPrice')} numeric>
                {money(line.unitPriceMinor)}
              </Cell>
              <Cell label={t('taxRate')} numeric>
                {rate(line.taxRateBp)}
              </Cell>
              <Cell label={t('amount')} numeric>
                {money(line.amount)}
              </Cell>
            </Row>
          ))}
        </TableBody>
        <TableFoot>
          <TotalRow label={t('net')} span={4} testId="invoice-net">
            {money(invoice.amountNet)}
          </TotalRow>
          <TotalRow label={t('tax')} span={4} testId="invoice-tax">
            {money(invoice.amountTax)}
          </TotalRow>
          <TotalRow label={t(isInvoice ? 'total' : 'creditTotal')} span={4} testId="invoice-total" emphasis="total">
            {money(invoice.amountTotal)}
          </TotalRow>
          {isInvoice && invoice.amountCredited > 0 ? (
            <TotalRow label={t('credited')} span={4} testId="invoice-credited">
              {money(invoice.amountCredited)}
            </TotalRow>
          ) : null}
          {isInvoice ? (
            <TotalRow label={t('amountDue')} span={4} emphasis="total">
              {money(invoice.amountResidual)}
            </TotalRow>
          ) : null}
        </TableFoot>
      </Table>
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
      <Table caption={t('taxSummaryCaption')}>
        <TableHead>
          <HeaderCell>{t('taxRate')}</HeaderCell>
          <HeaderCell numeric>{t('net')}</HeaderCell>
          <HeaderCell numeric>{t('tax')}</HeaderCell>
          <HeaderCell numeric>{t('gross')}</HeaderCell>
        </TableHead>
        <TableBody>
          {groups.map((group) => (
            <Row key={group.taxRateBp}>
              <RowHeaderCell label={t('taxRate')} className="tabular-nums">
                {rate(group.taxRateBp)}
              </RowHeaderCell>
              <Cell label={t('net')} numeric>
                {money(group.net)}
              </Cell>
              <Cell label={t('tax')} numeric>
                {money(group.tax)}
              </Cell>
              <Cell label={t('gross')} numeric>
                {money(group.gross)}
              </Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
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
      <Table caption={t('creditNotes')}>
        <TableHead>
          <HeaderCell>{t('number')}</HeaderCell>
          <HeaderCell>{t('date')}</HeaderCell>
          <HeaderCell numeric>{t('amount')}</HeaderCell>
        </TableHead>
        <TableBody>
          {creditNotes.map((note) => (
            <Row key={note.id}>
              <Cell label={t('number')}>
                <Link href={hrefFor(note.id)} className="font-mono text-brand-700 underline">
                  {note.number}
                </Link>
              </Cell>
              <Cell label={t('date')}>{format.date(note.invoiceDate)}</Cell>
              <Cell label={t('amount')} numeric>
                <Money amount={note.amountTotal} currency={note.currency} />
              </Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
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
        <Table caption={t('paymentsApplied')}>
          <TableHead>
            <HeaderCell>{t('date')}</HeaderCell>
            <HeaderCell>{t('method')}</HeaderCell>
            <HeaderCell>{t('reference')}</HeaderCell>
            <HeaderCell numeric>{t('amount')}</HeaderCell>
          </TableHead>
          <TableBody>
            {payments.map((payment) => (
              <Row key={payment.id}>
                <Cell label={t('date')}>{format.date(payment.date)}</Cell>
                <Cell label={t('method')}>{tProvider(payment.provider)}</Cell>
                <Cell label={t('reference')} className="font-mono">
                  {payment.reference}
                </Cell>
                <Cell label={t('amount')} numeric>
                  <Money amount={payment.amount} currency={payment.currency} />
                </Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

/** On a credit note: which invoice it takes back (part of), linked. */
export async function CreditedInvoiceNote({ invoice, href }: { invoice: { id: number; number: string }; href: string }) {
  const t = await getTranslations('invoices.detail');
  return (
    <p className="text-sm text-stone-700" data-testid="credited-invoice">
      {t.rich('creditsInvoice', {
        number: invoice.number,
        link: (chunks) => (
          <Link href={href} className="font-mono text-brand-700 underline">
            {chunks}
          </Link>
        ),
      })}
    </p>
  );
}
