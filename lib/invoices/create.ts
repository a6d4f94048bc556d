import type { Database, Tx } from '@/db/database';
import { constraintViolation } from '@/db/errors';
import { invoiceLines, invoices, type Invoice, type LineKind } from '@/db/schema';
import { isAmount, isCurrencyCode, isPositiveAmount } from '@/lib/money';
import { InvoiceError } from './errors';
import { nextInvoiceNumber } from './numbers';
import type { ErrorParams } from '@/lib/errors';

export type NewInvoiceLine = {
  description: string;
  /** A whole number of units, 1 or more. */
  quantity: number;
  /** Gross price of one unit in minor units of the invoice currency (0 for a free line, negative for a discount). */
  unitPriceMinor: number;
  /** A product (the default) or the shipping of an order. */
  kind?: LineKind;
  /**
   * The line's tax as the order (or the caller) split it: the rate in basis points and the line's
   * gross (quantity × unit price) as net + tax, in minor units. Omitted: no tax (rate 0, net = gross).
   */
  tax?: LineTax;
};

export type LineTax = { rateBp: number; net: number; tax: number };

export type NewInvoice = {
  userId: number;
  lines: NewInvoiceLine[];
  currency: string;
  /** When it must be paid; by default 14 days after the invoice date. */
  dueDate?: Date;
  /** Staff member who issued it, if any. */
  createdBy?: number;
  /** The order it bills, if any. */
  orderId?: number;
  /** Defaults to now; its UTC year picks the number series. */
  invoiceDate?: Date;
};

const maxQuantity = 1_000_000;
const maxDescription = 200;
const defaultTermDays = 14;
const dayMs = 86_400_000;

export type CheckedLine = {
  kind: LineKind;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  amount: number;
  taxRateBp: number;
  amountNet: number;
  amountTax: number;
};

/** An invoice's (or credit note's) total, split into net and tax: the sums of its lines. */
export type CheckedTotals = { total: number; net: number; tax: number };

function invalid(message: string, params: ErrorParams): InvoiceError {
  return new InvoiceError('INVALID_INVOICE', message, params);
}

const maxRateBp = 10_000;

/** The line's tax split, checked: a whole rate from 0 to 100 %, and net + tax = the line's gross, tax of the gross's sign. */
function checkTax(tax: LineTax | undefined, amount: number, line: number): Pick<CheckedLine, 'taxRateBp' | 'amountNet' | 'amountTax'> {
  if (tax === undefined) return { taxRateBp: 0, amountNet: amount, amountTax: 0 };
  const { rateBp, net } = tax;
  const sameSign = tax.tax === 0 || Math.sign(tax.tax) === Math.sign(amount);
  if (!Number.isSafeInteger(rateBp) || rateBp < 0 || rateBp > maxRateBp || !isAmount(net) || !isAmount(tax.tax) || net + tax.tax !== amount || !sameSign) {
    throw invalid(`Line ${line}: the net and tax do not add up to the line's amount.`, { reason: 'lineTax', line });
  }
  return { taxRateBp: rateBp, amountNet: net, amountTax: tax.tax };
}

/** The lines checked and their amounts computed; the totals are the sums of the lines. */
export function checkLines(lines: NewInvoiceLine[]): { lines: CheckedLine[]; totals: CheckedTotals } {
  if (!Array.isArray(lines) || lines.length === 0) throw invalid('An invoice needs at least one line.', { reason: 'noLines' });
  const totals: CheckedTotals = { total: 0, net: 0, tax: 0 };
  const checked = lines.map((line, index): CheckedLine => {
    const description = typeof line.description === 'string' ? line.description.trim() : '';
    if (description === '' || description.length > maxDescription) {
      throw invalid(`Line ${index + 1} needs a description of 1 to ${maxDescription} characters.`, { reason: 'lineDescription', line: index + 1, max: maxDescription });
    }
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1 || line.quantity > maxQuantity) {
      throw invalid(`Line ${index + 1}: the quantity must be a whole number from 1 to ${maxQuantity}.`, { reason: 'lineQuantity', line: index + 1, max: maxQuantity });
    }
    if (!isAmount(line.unitPriceMinor)) {
      throw invalid(`Line ${index + 1}: the unit price must be a whole number of minor units.`, { reason: 'lineUnitPrice', line: index + 1 });
    }
    const amount = line.quantity * line.unitPriceMinor;
    if (!isAmount(amount)) throw invalid(`Line ${index + 1} is too large.`, { reason: 'lineTooLarge', line: index + 1 });
    const tax = checkTax(line.tax, amount, index + 1);
    totals.total += amount;
    totals.net += tax.amountNet;
    totals.tax += tax.amountTax;
    return { kind: line.kind ?? 'product', description, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor, amount, ...tax };
  });
  if (!isPositiveAmount(totals.total)) throw invalid('An invoice total must be more than zero and not absurdly large.', { reason: 'total' });
  return { lines: checked, totals };
}

function checkDates(invoiceDate: Date, dueDate: Date | undefined): Date {
  if (Number.isNaN(invoiceDate.getTime())) throw invalid('The invoice date is not a date.', { reason: 'invoiceDate' });
  const due = dueDate ?? new Date(invoiceDate.getTime() + defaultTermDays * dayMs);
  if (Number.isNaN(due.getTime())) throw invalid('The due date is not a date.', { reason: 'dueDate' });
  if (due.getTime() < invoiceDate.getTime() - dayMs) throw invalid('The due date cannot be before the invoice date.', { reason: 'dueBeforeInvoice' });
  return due;
}

/** An invoice row to insert: everything but its id, number and amounts (those come from the lines). */
export type DocumentRow = Omit<typeof invoices.$inferInsert, 'id' | 'number' | 'amountTotal' | 'amountNet' | 'amountTax' | 'amountResidual'> & {
  amountResidual: number;
};

/**
 * Inserts an invoice or credit note and its checked lines as a step of the caller's write
 * transaction, numbered `number`. A foreign key that points nowhere is an INVALID_INVOICE.
 */
export async function insertDocument(tx: Tx, number: string, row: DocumentRow, checked: { lines: CheckedLine[]; totals: CheckedTotals }): Promise<Invoice> {
  try {
    const [invoice] = await tx
      .insert(invoices)
      .values({ ...row, number, amountTotal: checked.totals.total, amountNet: checked.totals.net, amountTax: checked.totals.tax })
      .returning();
    if (!invoice) throw new Error('The invoice insert returned nothing.');
    await tx.insert(invoiceLines).values(checked.lines.map((line) => ({ ...line, invoiceId: invoice.id })));
    return invoice;
  } catch (error) {
    // The transaction is lost either way (PostgreSQL aborts it); the caller rolls back.
    if (constraintViolation(error) === 'foreign_key') {
      throw invalid('The customer, staff member or order of this invoice does not exist.', { reason: 'references' });
    }
    throw error;
  }
}

/**
 * Issues (posts) an invoice with its lines, not yet paid, as a step of the caller's write
 * transaction: the total, net and tax are the sums of the lines, computed here, and the number is
 * the next INV/<year>/<00001> of the invoice date's year, drawn from the gapless counter in the
 * same transaction, so numbers are sequential and gapless (a rollback gives the number back).
 */
export async function createInvoice(tx: Tx, input: NewInvoice): Promise<Invoice> {
  if (!isCurrencyCode(input.currency)) throw invalid(`Unknown currency "${String(input.currency)}".`, { reason: 'currency', currency: String(input.currency) });
  const checked = checkLines(input.lines);
  const invoiceDate = input.invoiceDate ?? new Date();
  const dueDate = checkDates(invoiceDate, input.dueDate);
  return insertDocument(tx, await nextInvoiceNumber(tx, invoiceDate), {
    kind: 'invoice',
    userId: input.userId,
    orderId: input.orderId ?? null,
    amountResidual: checked.totals.total,
    currency: input.currency,
    paymentState: 'not_paid',
    invoiceDate,
    dueDate,
    createdBy: input.createdBy ?? null,
  }, checked);
}

/** createInvoice in a transaction of its own: for staff tools, scripts and tests. */
export async function issueInvoice(db: Database, input: NewInvoice): Promise<Invoice> {
  return db.write((tx) => createInvoice(tx, input));
}
