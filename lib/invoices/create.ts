import type { Database, Tx } from '@/db/database';
import { constraintViolation } from '@/db/errors';
import { invoiceLines, invoices, type Invoice } from '@/db/schema';
import { isAmount, isCurrencyCode, isPositiveAmount } from '@/lib/money';
import { InvoiceError } from './errors';
import { nextInvoiceNumber } from './numbers';
import type { ErrorParams } from '@/lib/errors';

export type NewInvoiceLine = {
  description: string;
  /** A whole number of units, 1 or more. */
  quantity: number;
  /** Price of one unit in minor units of the invoice currency (0 for a free line, negative for a discount). */
  unitPriceMinor: number;
};

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

type CheckedLine = { description: string; quantity: number; unitPriceMinor: number; amount: number };

function invalid(message: string, params: ErrorParams): InvoiceError {
  return new InvoiceError('INVALID_INVOICE', message, params);
}

function checkLines(lines: NewInvoiceLine[]): { lines: CheckedLine[]; total: number } {
  if (!Array.isArray(lines) || lines.length === 0) throw invalid('An invoice needs at least one line.', { reason: 'noLines' });
  let total = 0;
  const checked = lines.map((line, index) => {
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
    total += amount;
    return { description, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor, amount };
  });
  if (!isPositiveAmount(total)) throw invalid('An invoice total must be more than zero and not absurdly large.', { reason: 'total' });
  return { lines: checked, total };
}

function checkDates(invoiceDate: Date, dueDate: Date | undefined): Date {
  if (Number.isNaN(invoiceDate.getTime())) throw invalid('The invoice date is not a date.', { reason: 'invoiceDate' });
  const due = dueDate ?? new Date(invoiceDate.getTime() + defaultTermDays * dayMs);
  if (Number.isNaN(due.getTime())) throw invalid('The due date is not a date.', { reason: 'dueDate' });
  if (due.getTime() < invoiceDate.getTime() - dayMs) throw invalid('The due date cannot be before the invoice date.', { reason: 'dueBeforeInvoice' });
  return due;
}

/**
 * Issues (posts) an invoice with its lines, not yet paid, as a step of the caller's write
 * transaction: the total is the sum of the lines, computed here, and the number is the next
 * INV/<year>/<00001> of the invoice date's year, drawn from the gapless counter in the same
 * transaction, so numbers are sequential and gapless (a rollback gives the number back).
 */
export async function createInvoice(tx: Tx, input: NewInvoice): Promise<Invoice> {
  if (!isCurrencyCode(input.currency)) throw invalid(`Unknown currency "${String(input.currency)}".`, { reason: 'currency', currency: String(input.currency) });
  const { lines, total } = checkLines(input.lines);
  const invoiceDate = input.invoiceDate ?? new Date();
  const dueDate = checkDates(invoiceDate, input.dueDate);
  try {
    const [invoice] = await tx
      .insert(invoices)
      .values({
        number: await nextInvoiceNumber(tx, invoiceDate),
        userId: input.userId,
        orderId: input.orderId ?? null,
        amountTotal: total,
        amountResidual: total,
        currency: input.currency,
        paymentState: 'not_paid',
        invoiceDate,
        dueDate,
        createdBy: input.createdBy ?? null,
      })
      .returning();
    if (!invoice) throw new Error('The invoice insert returned nothing.');
    await tx.insert(invoiceLines).values(lines.map((line) => ({ ...line, invoiceId: invoice.id })));
    return invoice;
  } catch (error) {
    // The transaction is lost either way (PostgreSQL aborts it); the caller rolls back.
    if (constraintViolation(error) === 'foreign_key') {
      throw invalid('The customer, staff member or order of this invoice does not exist.', { reason: 'references' });
    }
    throw error;
  }
}

/** createInvoice in a transaction of its own: for staff tools, scripts and tests. */
export async function issueInvoice(db: Database, input: NewInvoice): Promise<Invoice> {
  return db.write((tx) => createInvoice(tx, input));
}
