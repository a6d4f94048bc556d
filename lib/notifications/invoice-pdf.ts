import { asc, eq } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { invoiceLines, invoices, users } from '@/db/schema';
import { listInvoicePayments } from '@/lib/invoices/applied-payments';
import { pdfLabelsFrom, renderInvoicePdf, type InvoicePdfInput } from '@/lib/invoices/pdf';
import { invoiceStatus } from '@/lib/invoices/status';
import type { MailWords } from './words';

export type MailAttachment = { filename: string; content: Buffer; contentType: string };

// The invoice as its PDF route reads it: the invoice and its lines by id (the route's getOwnInvoice
// also checks the owner, which a job has no need of), and the payments applied to it
// (lib/invoices/applied-payments, shared with the route; not server-only, as `npm run jobs` is a plain script).
async function invoiceForPdf(q: Query, invoiceId: number): Promise<Omit<InvoicePdfInput, 'labels'> | undefined> {
  const [invoice] = await q.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) return undefined;
  const [customer] = await q.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, invoice.userId));
  const lines = await q.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.id));
  const applied = await listInvoicePayments(q, invoice.id);
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
