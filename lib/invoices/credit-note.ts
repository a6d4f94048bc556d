import { and, eq, sql } from 'drizzle-orm';
import type { Query, Tx } from '@/db/database';
import { invoiceLines, invoices, orders, type Invoice } from '@/db/schema';
import { isPositiveAmount } from '@/lib/money';
import { checkLines, insertDocument, type NewInvoiceLine } from './create';
import { nextInvoiceNumber } from './numbers';
import { totalsByRate, type RateTotal } from '@/lib/orders/tax';

/**
 * How much of an invoice a credit note may still take back, in minor units:
 * - an order's invoice: what was refunded on the order (orders.amountRefunded) less what its
 *   credit notes already took back, and never more than the invoice total left uncredited;
 * - an invoice without an order (issued by staff): all of it not yet credited, as no order
 *   records a refund. A credit note moves no money: staff return money with the wallet tools.
 * Credit notes themselves cannot be credited (0).
 */
export async function creditableAmount(q: Query, invoice: Pick<Invoice, 'kind' | 'orderId' | 'amountTotal' | 'amountCredited'>): Promise<number> {
  if (invoice.kind !== 'invoice') return 0;
  const uncredited = invoice.amountTotal - invoice.amountCredited;
  if (invoice.orderId === null) return Math.max(uncredited, 0);
  const [order] = await q.select({ refunded: orders.amountRefunded }).from(orders).where(eq(orders.id, invoice.orderId));
  return Math.max(Math.min(uncredited, (order?.refunded ?? 0) - invoice.amountCredited), 0);
}

/** a × b / c rounded half up, exactly (the product of two amounts is beyond a double's integers). */
function mulDiv(a: number, b: number, c: number): { quotient: number; remainder: bigint } {
  const product = BigInt(a) * BigInt(b);
  return { quotient: Number(product / BigInt(c)), remainder: product % BigInt(c) };
}

/**
 * Splits a credit of `amount` (gross) over the tax rates of what is left uncredited, in
 * proportion to each rate's gross (largest remainder, so the parts add up to `amount` exactly);
 * each part's tax is that rate's remaining tax in the same proportion, rounded half up, and its
 * net the rest. Taking back everything left takes back each rate's remaining net and tax exactly.
 * Rates with nothing positive left (a discount larger than the goods at that rate) get no part,
 * so every part is ≥ 0. `amount` must be at most the sum of the positive remainders.
 */
export function allocateCredit(amount: number, remaining: readonly RateTotal[]): RateTotal[] {
  const open = remaining.filter((group) => group.gross > 0);
  const whole = open.reduce((sum, group) => sum + group.gross, 0);
  if (!isPositiveAmount(amount) || amount > whole) throw new RangeError(`Cannot credit ${amount} of ${whole}.`);
  if (amount === whole) return open.map((group) => ({ ...group }));
  const shares = open.map((group, index) => ({ index, ...mulDiv(amount, group.gross, whole) }));
  let left = amount - shares.reduce((sum, share) => sum + share.quotient, 0);
  for (const share of [...shares].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index))) {
    if (left === 0) break;
    share.quotient += 1;
    left -= 1;
  }
  return open
    .map((group, index) => {
      const gross = shares[index]?.quotient ?? 0;
      const { quotient, remainder } = mulDiv(gross, group.tax, group.gross);
      const rounded = quotient + (remainder * 2n >= BigInt(group.gross) ? 1 : 0);
      const tax = Math.min(Math.max(rounded, 0), gross);
      return { taxRateBp: group.taxRateBp, gross, tax, net: gross - tax };
    })
    .filter((part) => part.gross > 0);
}

/** What is left of an invoice per tax rate: its lines less the lines of its credit notes so far. */
async function uncreditedByRate(q: Query, invoiceId: number): Promise<RateTotal[]> {
  const columns = { taxRateBp: invoiceLines.taxRateBp, amount: invoiceLines.amount, amountNet: invoiceLines.amountNet, amountTax: invoiceLines.amountTax };
  const billed = totalsByRate(await q.select(columns).from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)));
  const credited = totalsByRate(
    await q
      .select(columns)
      .from(invoiceLines)
      .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
      .where(and(eq(invoices.creditedInvoiceId, invoiceId), eq(invoices.kind, 'credit_note'))),
  );
  return billed.map((group) => {
    const taken = credited.find((part) => part.taxRateBp === group.taxRateBp);
    return taken ? { taxRateBp: group.taxRateBp, net: group.net - taken.net, tax: group.tax - taken.tax, gross: group.gross - taken.gross } : group;
  });
}

export type NewCreditNote = {
  invoiceId: number;
  /** The gross amount taken back, in minor units of the invoice's currency. */
  amount: number;
  /** The words of the credit note's lines (one line per tax rate), chosen at the edge, e.g. "Refund on invoice INV/2026/00001". */
  lineDescription: (invoice: Invoice) => string;
  /** Who issues it (null: the shop itself, e.g. a cancel by a job). */
  staffId: number | null;
  /** Defaults to now; its UTC year picks the RINV/<year> series. */
  date?: Date;
};

export type CreditNoteOutcome =
  | { status: 'issued'; creditNote: Invoice; invoice: Invoice }
  | { status: 'not_found' }
  | { status: 'invalid_amount' }
  /** More than can be credited: `creditable` is what can (0 when nothing was refunded). */
  | { status: 'exceeds_creditable'; creditable: number; currency: string; invoice: Invoice };

/**
 * Issues a credit note that takes back `amount` of an invoice, as a step of the caller's write
 * transaction: the invoice's amountCredited is raised by a guarded UPDATE (never above its total,
 * nor above what its order refunded), so two racing credit notes cannot take back more than
 * allowed; only then are the rates still open read and the credit note inserted, RINV/<year>/<n>,
 * paid (nothing is due on it), its lines positive amounts meaning "taken back". A credit also
 * lowers what is still due on the invoice, by as much as it can: an unpaid part taken back need
 * not be paid (an invoice whose amount due reaches 0 is paid).
 */
export async function createCreditNote(tx: Tx, input: NewCreditNote): Promise<CreditNoteOutcome> {
  const { amount } = input;
  if (!isPositiveAmount(amount)) return { status: 'invalid_amount' };
  const [invoice] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, input.invoiceId), eq(invoices.kind, 'invoice')));
  if (!invoice) return { status: 'not_found' };
  const refundedBound =
    invoice.orderId === null
      ? undefined
      : sql`${invoices.amountCredited} + ${amount} <= (select ${orders.amountRefunded} from ${orders} where ${orders.id} = ${invoice.orderId})`;
  const [credited] = await tx
    .update(invoices)
    .set({
      amountCredited: sql`${invoices.amountCredited} + ${amount}`,
      amountResidual: sql`case when ${invoices.amountResidual} > ${amount} then ${invoices.amountResidual} - ${amount} else 0 end`,
      paymentState: sql`case when ${invoices.amountResidual} > ${amount} then ${invoices.paymentState} else 'paid' end`,
    })
    .where(and(eq(invoices.id, invoice.id), eq(invoices.kind, 'invoice'), sql`${invoices.amountCredited} + ${amount} <= ${invoices.amountTotal}`, refundedBound))
    .returning();
  if (!credited) return { status: 'exceeds_creditable', creditable: await creditableAmount(tx, invoice), currency: invoice.currency, invoice };

  // Read after the UPDATE, which holds the invoice's row: an earlier credit note is committed by now.
  const parts = allocateCredit(amount, await uncreditedByRate(tx, invoice.id));
  const description = input.lineDescription(invoice);
  const lines: NewInvoiceLine[] = parts.map((part) => ({
    description,
    quantity: 1,
    unitPriceMinor: part.gross,
    tax: { rateBp: part.taxRateBp, net: part.net, tax: part.tax },
  }));
  const checked = checkLines(lines);
  if (checked.totals.total !== amount) throw new Error(`A credit note of ${amount} came to ${checked.totals.total}.`);
  const date = input.date ?? new Date();
  const creditNote = await insertDocument(tx, await nextInvoiceNumber(tx, date, 'credit_note'), {
    kind: 'credit_note',
    userId: invoice.userId,
    orderId: null,
    creditedInvoiceId: invoice.id,
    amountResidual: 0,
    currency: invoice.currency,
    paymentState: 'paid',
    invoiceDate: date,
    dueDate: date,
    createdBy: input.staffId,
  }, checked);
  return { status: 'issued', creditNote, invoice: credited };
}

/**
 * Takes back all that can be credited of an order's invoice, e.g. right after the order was
 * refunded in full by a cancel, as a step of that transaction (the refund must be recorded first:
 * orders.amountRefunded bounds the credit). Nothing happens when the order has no invoice or
 * nothing is left to credit: undefined then. The caller audits what it did.
 */
export async function creditOrderInvoice(
  tx: Tx,
  input: { orderId: number; staffId: number | null; lineDescription: NewCreditNote['lineDescription']; date?: Date },
): Promise<Extract<CreditNoteOutcome, { status: 'issued' }> | undefined> {
  const [invoice] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.orderId, input.orderId), eq(invoices.kind, 'invoice')));
  if (!invoice) return undefined;
  const amount = await creditableAmount(tx, invoice);
  if (amount <= 0) return undefined;
  const outcome = await createCreditNote(tx, { invoiceId: invoice.id, amount, staffId: input.staffId, lineDescription: input.lineDescription, date: input.date });
  return outcome.status === 'issued' ? outcome : undefined;
}
