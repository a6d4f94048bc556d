import { and, asc, count, desc, eq } from 'drizzle-orm';
import { notifyInvoiceIssued } from '@/lib/notifications/events';
import type { Database, Query } from '@/db/database';
import { constraintViolation } from '@/db/errors';
import { invoiceLines, invoices, orders, users, type Invoice, type InvoiceKind, type InvoicePaymentState } from '@/db/schema';
import { createInvoice, type NewInvoiceLine } from '@/lib/invoices/create';
import { createCreditNote, creditableAmount } from '@/lib/invoices/credit-note';
import { InvoiceError } from '@/lib/invoices/errors';
import { getInvoiceRelations, listInvoicePayments } from '@/lib/invoices/queries';
import { isAmount, parseAmount } from '@/lib/money';
import { taxFromGross } from '@/lib/orders/tax';
import { getSettings } from '@/lib/settings';
import { z } from 'zod';
import { amountTextSchema, attemptKeySchema, invoiceLineSchema, maxInvoiceLines, reasonSchema } from '@/lib/validations/admin';
import { idField } from '@/lib/validations/whole-number';
import { findAuditByAttempt, recordAudit } from './audit';
import { containsAny, pageCount, paging, searchTerm } from './search';
import { codeMessage, fieldMessage } from '@/lib/validations/messages';
import type { ErrorParams } from '@/lib/errors';

export type InvoiceListRow = {
  id: number;
  number: string;
  kind: InvoiceKind;
  customerId: number;
  customerName: string;
  customerEmail: string;
  orderNumber: string | null;
  amountTotal: number;
  amountResidual: number;
  amountCredited: number;
  currency: string;
  paymentState: InvoicePaymentState;
  invoiceDate: Date;
  dueDate: Date;
};

/** All invoices and credit notes, newest first; search by number, customer name or email; or one customer's. */
export async function listInvoices(q: Query, options: { page?: number; pageSize?: number; q?: string | null; customerId?: number } = {}) {
  const { page, pageSize } = paging(options);
  const filter = and(
    containsAny([invoices.number, users.name, users.email], searchTerm(options.q)),
    options.customerId === undefined ? undefined : eq(invoices.userId, options.customerId),
  );
  const [counted] = await q.select({ n: count() }).from(invoices).innerJoin(users, eq(users.id, invoices.userId)).where(filter);
  const totalRows = counted?.n ?? 0;
  const rows: InvoiceListRow[] = await q
    .select({
      id: invoices.id,
      number: invoices.number,
      kind: invoices.kind,
      customerId: users.id,
      customerName: users.name,
      customerEmail: users.email,
      orderNumber: orders.number,
      amountTotal: invoices.amountTotal,
      amountResidual: invoices.amountResidual,
      amountCredited: invoices.amountCredited,
      currency: invoices.currency,
      paymentState: invoices.paymentState,
      invoiceDate: invoices.invoiceDate,
      dueDate: invoices.dueDate,
    })
    .from(invoices)
    .innerJoin(users, eq(users.id, invoices.userId))
    .leftJoin(orders, eq(orders.id, invoices.orderId))
    .where(filter)
    .orderBy(desc(invoices.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, page, pageSize, totalRows, totalPages: pageCount(totalRows, pageSize) };
}

export type StaffInvoiceInput = {
  customerEmail: string;
  lines: NewInvoiceLine[];
  currency: string;
  dueInDays: number;
  staffId: number;
  /** The form's hidden uuid: the same attempt issues one invoice. */
  attemptKey: string;
};

export type StaffInvoiceResult =
  | { status: 'created'; invoice: Pick<Invoice, 'id' | 'number'>; replayed: boolean }
  | { status: 'customer_not_found' }
  | { status: 'invalid'; message: string; code: string; params: ErrorParams };

const dayMs = 86_400_000;

/**
 * A line staff typed, taxed at the shop's default rate (Settings): the prices staff type on an
 * invoice are gross, whether or not the catalogue's prices include tax, so each line's tax is the
 * part of its amount the shop's one rounding rule gives (lib/orders/tax taxFromGross).
 */
export function taxedAtDefaultRate(line: NewInvoiceLine, rateBp: number): NewInvoiceLine {
  const amount = line.quantity * line.unitPriceMinor;
  // A line createInvoice will refuse (too large, not whole) keeps no tax; its refusal says why.
  if (!Number.isSafeInteger(line.quantity) || !isAmount(amount)) return line;
  const { net, tax } = taxFromGross(amount, rateBp);
  return { ...line, tax: { rateBp, net, tax } };
}

/** The invoice an earlier submit of the same form attempt issued, if any. */
async function issuedBefore(q: Query, attemptKey: string): Promise<Pick<Invoice, 'id' | 'number'> | undefined> {
  const earlier = await findAuditByAttempt(q, 'invoice.create', attemptKey);
  return earlier?.details ? invoiceOf(earlier.details) : undefined;
}

/**
 * Staff issue an invoice to a customer (found by email) with lines, recorded in the audit log.
 * The attempt key, kept in that audit row (unique per action), makes a resubmitted form return the
 * same invoice, also when two submits race on different servers: the second one's audit insert
 * fails, its transaction (and invoice) rolls back, and it answers with the first one's invoice.
 */
export async function createStaffInvoice(db: Database, input: StaffInvoiceInput): Promise<StaffInvoiceResult> {
  const [customer] = await db.read
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.email, input.customerEmail.trim().toLowerCase()));
  if (!customer || customer.role !== 'customer') return { status: 'customer_not_found' };
  try {
    return await db.write(async (tx): Promise<StaffInvoiceResult> => {
      const earlier = await issuedBefore(tx, input.attemptKey);
      if (earlier) return { status: 'created', invoice: earlier, replayed: true };
      const invoiceDate = new Date();
      const { defaultTaxRateBp } = await getSettings(tx);
      const invoice = await createInvoice(tx, {
        userId: customer.id,
        lines: input.lines.map((line) => taxedAtDefaultRate(line, defaultTaxRateBp)),
        currency: input.currency,
        invoiceDate,
        dueDate: new Date(invoiceDate.getTime() + input.dueInDays * dayMs),
        createdBy: input.staffId,
      });
      await notifyInvoiceIssued(tx, invoice);
      await recordAudit(tx, {
        actorId: input.staffId,
        action: 'invoice.create',
        subjectUserId: customer.id,
        amount: invoice.amountTotal,
        currency: invoice.currency,
        details: { invoice: invoice.number, invoiceId: invoice.id, attempt: input.attemptKey },
        attemptKey: input.attemptKey,
      });
      return { status: 'created', invoice: { id: invoice.id, number: invoice.number }, replayed: false };
    });
  } catch (error) {
    if (error instanceof InvoiceError) return { status: 'invalid', message: error.message, code: error.code, params: error.params };
    if (constraintViolation(error) === 'unique') {
      const earlier = await issuedBefore(db.read, input.attemptKey);
      if (earlier) return { status: 'created', invoice: earlier, replayed: true };
    }
    throw error;
  }
}

/** The document an audit row's details name (an invoice by default, or a credit note by its keys). */
function invoiceOf(details: string, idKey = 'invoiceId', numberKey = 'invoice'): Pick<Invoice, 'id' | 'number'> | undefined {
  const parsed: unknown = JSON.parse(details);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const id: unknown = Reflect.get(parsed, idKey);
  const number: unknown = Reflect.get(parsed, numberKey);
  return typeof id === 'number' && typeof number === 'string' ? { id, number } : undefined;
}

export type InvoiceLinesRead =
  | { ok: true; lines: NewInvoiceLine[] }
  | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Reads the invoice lines of a form (fields lines.N.description, lines.N.quantity,
 * lines.N.unitPrice; N from 0 to maxLines − 1). Blank lines are skipped; each other line is
 * checked, its price read as a decimal string of `currency` in `locale`. Errors (validation keys
 * and codes, worded by the action layer) are keyed by field name.
 */
export function readInvoiceLines(values: Record<string, string>, currency: string, maxLines = maxInvoiceLines, locale = 'en'): InvoiceLinesRead {
  const lines: NewInvoiceLine[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (let index = 0; index < maxLines; index += 1) {
    const name = (field: string) => `lines.${index}.${field}`;
    const raw = { description: values[name('description')] ?? '', quantity: values[name('quantity')] ?? '', unitPrice: values[name('unitPrice')] ?? '' };
    if (Object.values(raw).every((value) => value.trim() === '')) continue;
    const parsed = invoiceLineSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = name(String(issue.path[0] ?? 'description'));
        fieldErrors[field] ??= [issue.message];
      }
      continue;
    }
    const price = parseAmount(parsed.data.unitPrice, currency, locale, { allowZero: true });
    if (!price.ok) {
      fieldErrors[name('unitPrice')] = [codeMessage(price.code, price.params)];
      continue;
    }
    lines.push({ description: parsed.data.description, quantity: parsed.data.quantity, unitPriceMinor: price.amount });
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  if (lines.length === 0) return { ok: false, fieldErrors: { 'lines.0.description': [fieldMessage('addLine')] } };
  return { ok: true, lines };
}

/**
 * Any invoice or credit note for staff: its lines, customer, order, payments, its credit notes (or
 * the invoice it credits), and how much a credit note may still take back of it.
 */
export async function getStaffInvoice(q: Query, invoiceId: number) {
  if (!Number.isSafeInteger(invoiceId) || invoiceId < 1 || invoiceId > 2_147_483_647) return undefined;
  const [invoice] = await q.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) return undefined;
  const [customer] = await q.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, invoice.userId));
  const [order] =
    invoice.orderId === null
      ? []
      : await q
          .select({ id: orders.id, number: orders.number, amountTotal: orders.amountTotal, amountRefunded: orders.amountRefunded, currency: orders.currency })
          .from(orders)
          .where(eq(orders.id, invoice.orderId));
  const lines = await q.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.id));
  return {
    invoice: { ...invoice, lines },
    customer: customer ?? { id: invoice.userId, name: '', email: '' },
    order: order ?? null,
    payments: await listInvoicePayments(q, invoice.id),
    ...(await getInvoiceRelations(q, invoice)),
    creditable: await creditableAmount(q, invoice),
  };
}

/** The Issue Credit Note form on a staff invoice page: the amount as typed (read against the invoice's currency), a reason, the attempt. */
export const creditNoteFormSchema = z.object({
  invoiceId: idField(),
  amount: amountTextSchema,
  reason: reasonSchema,
  attemptKey: attemptKeySchema,
});

export type StaffCreditNoteInput = {
  invoiceId: number;
  /** The gross amount to take back, in minor units. */
  amount: number;
  /** Why (kept in the audit log). */
  reason: string;
  staffId: number;
  /** The form's hidden uuid: the same attempt issues one credit note. */
  attemptKey: string;
  /** The words of the credit note's lines, e.g. "Refund on invoice INV/2026/00001" (the edge chooses them). */
  lineDescription: (invoice: Invoice) => string;
};

export type StaffCreditNoteResult =
  | { status: 'issued'; creditNote: Pick<Invoice, 'id' | 'number' | 'amountTotal' | 'currency'>; replayed: boolean }
  | { status: 'not_found' }
  | { status: 'invalid_amount' }
  | { status: 'exceeds_creditable'; creditable: number; currency: string };

type IssuedCreditNote = Pick<Invoice, 'id' | 'number' | 'amountTotal' | 'currency'>;

/** The credit note an earlier submit of the same form attempt issued, if any. */
async function creditedBefore(q: Query, attemptKey: string): Promise<IssuedCreditNote | undefined> {
  const earlier = await findAuditByAttempt(q, 'invoice.credit_note', attemptKey);
  const issued = earlier?.details ? invoiceOf(earlier.details, 'creditNoteId', 'creditNote') : undefined;
  if (!issued) return undefined;
  const [row] = await q
    .select({ id: invoices.id, number: invoices.number, amountTotal: invoices.amountTotal, currency: invoices.currency })
    .from(invoices)
    .where(eq(invoices.id, issued.id));
  return row;
}

/**
 * Staff issue a credit note for (part of) an invoice, e.g. after refunding its order: never more
 * than lib/invoices/credit-note allows, recorded in the audit log with the staff member's reason.
 * The attempt key (unique per action in the audit log) makes a resubmitted form return the same
 * credit note, also when two submits race: the second one's audit insert fails and rolls back.
 */
export async function issueCreditNote(db: Database, input: StaffCreditNoteInput): Promise<StaffCreditNoteResult> {
  try {
    return await db.write(async (tx): Promise<StaffCreditNoteResult> => {
      const earlier = await creditedBefore(tx, input.attemptKey);
      if (earlier) return { status: 'issued', creditNote: earlier, replayed: true };
      const outcome = await createCreditNote(tx, {
        invoiceId: input.invoiceId,
        amount: input.amount,
        lineDescription: input.lineDescription,
        staffId: input.staffId,
      });
      if (outcome.status === 'exceeds_creditable') return { status: outcome.status, creditable: outcome.creditable, currency: outcome.currency };
      if (outcome.status !== 'issued') return outcome;
      const { creditNote, invoice } = outcome;
      await recordAudit(tx, {
        actorId: input.staffId,
        action: 'invoice.credit_note',
        subjectUserId: invoice.userId,
        amount: creditNote.amountTotal,
        currency: creditNote.currency,
        reason: input.reason,
        details: { invoice: invoice.number, invoiceId: invoice.id, creditNote: creditNote.number, creditNoteId: creditNote.id, attempt: input.attemptKey },
        attemptKey: input.attemptKey,
      });
      return { status: 'issued', creditNote: { id: creditNote.id, number: creditNote.number, amountTotal: creditNote.amountTotal, currency: creditNote.currency }, replayed: false };
    });
  } catch (error) {
    if (constraintViolation(error) === 'unique') {
      const earlier = await creditedBefore(db.read, input.attemptKey);
      if (earlier) return { status: 'issued', creditNote: earlier, replayed: true };
    }
    throw error;
  }
}
