import { eq, sql } from 'drizzle-orm';
import { db, sqlite } from '@/db/client';
import { auditLog, users, type Invoice, type InvoicePaymentState } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { createInvoice, type NewInvoiceLine } from '@/lib/invoices/create';
import { InvoiceError } from '@/lib/invoices/errors';
import { parseAmount } from '@/lib/money';
import { invoiceLineSchema, maxInvoiceLines } from '@/lib/validations/admin';
import { recordAudit } from './audit';
import { containsPattern, pageCount, paging, searchTerm } from './search';

export type InvoiceListRow = {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  customerEmail: string;
  orderNumber: string | null;
  amountTotal: number;
  amountResidual: number;
  currency: string;
  paymentState: InvoicePaymentState;
  invoiceDate: Date;
  dueDate: Date;
};

type InvoiceRecord = Omit<InvoiceListRow, 'invoiceDate' | 'dueDate'> & { invoiceDate: number; dueDate: number };
type Filter = { like: string | null };

const invoicesFrom = `FROM invoices i JOIN users c ON c.id = i.user_id LEFT JOIN orders o ON o.id = i.order_id
  WHERE (@like IS NULL OR i.number LIKE @like ESCAPE '\\' OR c.name LIKE @like ESCAPE '\\' OR c.email LIKE @like ESCAPE '\\')`;

function prepareReads() {
  return {
    count: sqlite.prepare<[Filter], { n: number }>(`SELECT COUNT(*) AS n ${invoicesFrom}`),
    page: sqlite.prepare<[Filter & { limit: number; offset: number }], InvoiceRecord>(
      `SELECT i.id, i.number, c.id AS customerId, c.name AS customerName, c.email AS customerEmail,
         o.number AS orderNumber, i.amount_total AS amountTotal, i.amount_residual AS amountResidual,
         i.currency, i.payment_state AS paymentState, i.invoice_date AS invoiceDate, i.due_date AS dueDate
       ${invoicesFrom}
       ORDER BY i.id DESC LIMIT @limit OFFSET @offset`,
    ),
  };
}

let reads: ReturnType<typeof prepareReads> | undefined;
function readStatements() {
  reads ??= prepareReads();
  return reads;
}

/** All invoices, newest first; search by number, customer name or email. */
export function listInvoices(options: { page?: number; pageSize?: number; q?: string | null } = {}) {
  const { page, pageSize } = paging(options);
  const term = searchTerm(options.q);
  const filter: Filter = { like: term === null ? null : containsPattern(term) };
  const s = readStatements();
  const totalRows = s.count.get(filter)?.n ?? 0;
  const rows: InvoiceListRow[] = s.page
    .all({ ...filter, limit: pageSize, offset: (page - 1) * pageSize })
    .map(({ invoiceDate, dueDate, ...record }) => ({
      ...record,
      invoiceDate: new Date(invoiceDate),
      dueDate: new Date(dueDate),
    }));
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
  | { status: 'invalid'; message: string };

const dayMs = 86_400_000;

/**
 * Staff issue an invoice to a customer (found by email) with lines, recorded in the audit log.
 * The attempt key, kept in that audit row, makes a resubmitted form return the same invoice.
 */
export function createStaffInvoice(input: StaffInvoiceInput): StaffInvoiceResult {
  const customer = db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.email, input.customerEmail.trim().toLowerCase()))
    .get();
  if (!customer || customer.role !== 'customer') return { status: 'customer_not_found' };
  try {
    return writeTransaction((): StaffInvoiceResult => {
      const earlier = db
        .select({ details: auditLog.details })
        .from(auditLog)
        .where(sql`${auditLog.action} = 'invoice.create' AND json_extract(${auditLog.details}, '$.attempt') = ${input.attemptKey}`)
        .get();
      const earlierInvoice = earlier?.details ? invoiceOf(earlier.details) : undefined;
      if (earlierInvoice) return { status: 'created', invoice: earlierInvoice, replayed: true };
      const invoiceDate = new Date();
      const invoice = createInvoice({
        userId: customer.id,
        lines: input.lines,
        currency: input.currency,
        invoiceDate,
        dueDate: new Date(invoiceDate.getTime() + input.dueInDays * dayMs),
        createdBy: input.staffId,
      });
      recordAudit({
        actorId: input.staffId,
        action: 'invoice.create',
        subjectUserId: customer.id,
        amount: invoice.amountTotal,
        currency: invoice.currency,
        details: { invoice: invoice.number, invoiceId: invoice.id, attempt: input.attemptKey },
      });
      return { status: 'created', invoice: { id: invoice.id, number: invoice.number }, replayed: false };
    });
  } catch (error) {
    if (error instanceof InvoiceError) return { status: 'invalid', message: error.message };
    throw error;
  }
}

function invoiceOf(details: string): Pick<Invoice, 'id' | 'number'> | undefined {
  const parsed: unknown = JSON.parse(details);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const id: unknown = Reflect.get(parsed, 'invoiceId');
  const number: unknown = Reflect.get(parsed, 'invoice');
  return typeof id === 'number' && typeof number === 'string' ? { id, number } : undefined;
}

export type InvoiceLinesRead =
  | { ok: true; lines: NewInvoiceLine[] }
  | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Reads the invoice lines of a form (fields lines.N.description, lines.N.quantity,
 * lines.N.unitPrice; N from 0 to maxLines − 1). Blank lines are skipped; each other line is
 * checked, its price read as a decimal string of `currency`. Errors are keyed by field name.
 */
export function readInvoiceLines(values: Record<string, string>, currency: string, maxLines = maxInvoiceLines): InvoiceLinesRead {
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
    const price = parseAmount(parsed.data.unitPrice, currency, { allowZero: true });
    if (!price.ok) {
      fieldErrors[name('unitPrice')] = [price.message];
      continue;
    }
    lines.push({ description: parsed.data.description, quantity: parsed.data.quantity, unitPriceMinor: price.amount });
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  if (lines.length === 0) return { ok: false, fieldErrors: { 'lines.0.description': ['Add at least one line.'] } };
  return { ok: true, lines };
}
