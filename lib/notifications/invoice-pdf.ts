import { and, asc, eq, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { invoiceLines, invoices, ledgerTransfers, payments, users } from '@/db/schema';
import { pdfLabelsFrom, renderInvoicePdf, type InvoicePdfInput } from '@/lib/invoices/pdf';
import { invoiceStatus } from '@/lib/invoices/status';
import type { MailWords } from './words';

export type MailAttachment = { filename: string; content: Buffer; contentType: string };

// The invoice as its PDF route reads it (lib/invoices/queries getOwnInvoice, listInvoicePayments).
// Read again here because that module is server-only and the delivery job also runs from a plain
// script (npm run jobs), where a server-only import throws.
async function invoiceForPdf(q: Query, invoiceId: number): Promise<Omit<InvoicePdfInput, 'labels'> | undefined> {
  const [invoice] = await q.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) return undefined;
  const [customer] = await q.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, invoice.userId));
  const lines = await q.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.id));
  const applied = await q
    .select({
      id: payments.id,
      date: payments.updatedAt,
      provider: payments.provider,
      reference: payments.reference,
      amount: sql<number>`coalesce(${ledgerTransfers.amount}, ${payments.amount})`.mapWith(Number),
      currency: payments.currency,
    })
    .from(payments)
    .leftJoin(
      ledgerTransfers,
      and(
        eq(ledgerTransfers.paymentId, payments.id),
        eq(ledgerTransfers.invoiceId, invoice.id),
        eq(ledgerTransfers.kind, 'payment'),
        eq(ledgerTransfers.state, 'posted'),
      ),
    )
    .where(and(eq(payments.invoiceId, invoice.id), eq(payments.state, 'done'), or(ne(payments.purpose, 'invoice'), isNotNull(ledgerTransfers.id))))
    .orderBy(asc(payments.updatedAt), asc(payments.id));
  return { invoice: { ...invoice, lines }, payments: applied, customer: customer ?? { name: '', email: '' } };
}

/** Who issues the invoice, as Settings say (printed on the PDF). */
export type InvoiceIssuer = { name: string; address: string; taxNumber: string };

/** The invoice's PDF in the recipient's language, to attach to the invoiceIssued e-mail; undefined when the invoice is gone. */
export async function invoiceAttachment(q: Query, invoiceId: number, words: MailWords, shop: InvoiceIssuer): Promise<MailAttachment | undefined> {
  const data = await invoiceForPdf(q, invoiceId);
  if (!data) return undefined;
  const { t } = words;
  const { invoice } = data;
  const labels = pdfLabelsFrom((key, values) => t(`pdf.${key}`, values), invoice, {
    status: t(`invoices.status.${invoiceStatus(invoice)}`),
    shopTaxNumber: shop.taxNumber,
    creditedInvoiceNumber: null,
    paymentMethod: (payment) => t(`orders.provider.${payment.provider}`),
    formatDate: words.date,
    formatMoney: words.money,
  });
  const pdf = await renderInvoicePdf({ ...data, labels, shop });
  return { filename: `${invoice.number.replaceAll('/', '-')}.pdf`, content: Buffer.from(pdf), contentType: 'application/pdf' };
}
