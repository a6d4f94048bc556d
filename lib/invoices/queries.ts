import 'server-only';
import { and, asc, count, desc, eq, or } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { invoiceLines, invoices, ledgerTransfers, payments, type Invoice, type InvoiceLine, type Payment } from '@/db/schema';

// The payments applied to an invoice live in ./applied-payments (not server-only: the mail job reads them too).
export { listInvoicePayments, type InvoicePaymentRow } from './applied-payments';

export type InvoiceListRow = Pick<
  Invoice,
  'id' | 'number' | 'kind' | 'invoiceDate' | 'dueDate' | 'amountTotal' | 'amountResidual' | 'amountCredited' | 'currency' | 'paymentState'
>;

export type InvoicePage = { rows: InvoiceListRow[]; page: number; pageSize: number; totalRows: number; totalPages: number };

export type InvoiceDetail = Invoice & { lines: InvoiceLine[] };


/** One page (10 by default) of a shopper's invoices and credit notes, newest first; the page is clamped to those that exist. */
export async function listInvoices(q: Query, userId: number, page: number, pageSize = 10): Promise<InvoicePage> {
  const [counted] = await q.select({ n: count() }).from(invoices).where(eq(invoices.userId, userId));
  const totalRows = Number(counted?.n ?? 0);
  const totalPages = Math.ceil(totalRows / pageSize);
  const current = Math.min(Math.max(Number.isSafeInteger(page) ? page : 1, 1), Math.max(totalPages, 1));
  const rows = await q
    .select({
      id: invoices.id,
      number: invoices.number,
      kind: invoices.kind,
      invoiceDate: invoices.invoiceDate,
      dueDate: invoices.dueDate,
      amountTotal: invoices.amountTotal,
      amountResidual: invoices.amountResidual,
      amountCredited: invoices.amountCredited,
      currency: invoices.currency,
      paymentState: invoices.paymentState,
    })
    .from(invoices)
    .where(eq(invoices.userId, userId))
    .orderBy(desc(invoices.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize);
  return { rows, page: current, pageSize, totalRows, totalPages };
}

/** A shopper's own invoice with its lines; undefined for another shopper's or a missing one. */
export async function getOwnInvoice(q: Query, userId: number, invoiceId: number): Promise<InvoiceDetail | undefined> {
  if (!Number.isSafeInteger(invoiceId) || invoiceId < 1 || invoiceId > 2_147_483_647) return undefined;
  const [invoice] = await q
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.userId, userId)));
  if (!invoice) return undefined;
  const lines = await q.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.id));
  return { ...invoice, lines };
}

/** A credit note as its invoice lists it, or the invoice a credit note takes back. */
export type RelatedDocument = Pick<Invoice, 'id' | 'number' | 'invoiceDate' | 'amountTotal' | 'currency'>;

export type InvoiceRelations = {
  /** An invoice's credit notes, oldest first (none for a credit note). */
  creditNotes: RelatedDocument[];
  /** A credit note's invoice (null for an invoice). */
  creditedInvoice: RelatedDocument | null;
};

const related = {
  id: invoices.id,
  number: invoices.number,
  invoiceDate: invoices.invoiceDate,
  amountTotal: invoices.amountTotal,
  currency: invoices.currency,
};

/** The documents an invoice or credit note points to: its credit notes, or the invoice it credits (same shopper). */
export async function getInvoiceRelations(q: Query, invoice: Pick<Invoice, 'id' | 'kind' | 'creditedInvoiceId' | 'userId'>): Promise<InvoiceRelations> {
  if (invoice.kind === 'credit_note') {
    const [credited] =
      invoice.creditedInvoiceId === null
        ? []
        : await q
            .select(related)
            .from(invoices)
            .where(and(eq(invoices.id, invoice.creditedInvoiceId), eq(invoices.userId, invoice.userId)));
    return { creditNotes: [], creditedInvoice: credited ?? null };
  }
  const creditNotes = await q
    .select(related)
    .from(invoices)
    .where(and(eq(invoices.creditedInvoiceId, invoice.id), eq(invoices.kind, 'credit_note'), eq(invoices.userId, invoice.userId)))
    .orderBy(asc(invoices.id));
  return { creditNotes, creditedInvoice: null };
}


export type InvoicePaymentOutcome = {
  invoiceId: number;
  invoiceNumber: string;
  /** What the payment paid towards the invoice (0 until it is done). */
  applied: number;
  /** Card money beyond the amount due, credited to the wallet instead. */
  keptInWallet: number;
  amountResidual: number;
  paymentState: Invoice['paymentState'];
};

/** What the outcome page says about a shopper's own invoice payment; undefined for other payments. */
export async function getInvoicePaymentOutcome(q: Query, userId: number, payment: Payment): Promise<InvoicePaymentOutcome | undefined> {
  if (payment.purpose !== 'invoice' || payment.invoiceId === null || payment.userId !== userId) return undefined;
  const invoice = await getOwnInvoice(q, userId, payment.invoiceId);
  if (!invoice) return undefined;
  const moved = await q
    .select({ kind: ledgerTransfers.kind, amount: ledgerTransfers.amount })
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.paymentId, payment.id), eq(ledgerTransfers.state, 'posted')));
  const sum = (kind: 'payment' | 'deposit_card') =>
    moved.filter((transfer) => transfer.kind === kind).reduce((total, transfer) => total + transfer.amount, 0);
  return {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    applied: sum('payment'),
    keptInWallet: sum('deposit_card'),
    amountResidual: invoice.amountResidual,
    paymentState: invoice.paymentState,
  };
}
