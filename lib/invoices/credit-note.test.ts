import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoiceLines, invoices, orders, type Invoice } from '@/db/schema';
import { insertTaxedOrder, type TestLine } from '@/test/helpers/taxed-orders';
import { insertTestUser } from '@/test/helpers/users';
import { issueInvoice } from './create';
import { allocateCredit, createCreditNote, creditableAmount, creditOrderInvoice } from './credit-note';
import { createInvoiceForPaidOrder } from './from-order';
import { getInvoiceRelations } from './queries';
import { invoiceStatus } from './status';
import { totalsByRate, type RateTotal } from '@/lib/orders/tax';

const db = getDatabase();
const staff = await insertTestUser(db, 'staff');

const basket: TestLine[] = [
  { name: 'Moka pot', quantity: 1, unitPrice: 24_000, rateBp: 2_000 },
  { name: 'Book', quantity: 2, unitPrice: 5_500, rateBp: 1_000 },
  { name: 'Courier', quantity: 1, unitPrice: 3_000, rateBp: 2_000, kind: 'shipping' },
];

/** A paid, taxed order with its invoice; `refunded` is what staff refunded on the order. */
async function invoicedOrder(refunded = 0, lines = basket) {
  const shopper = await insertTestUser(db);
  const { order, payment } = await insertTaxedOrder(db, shopper.id, lines);
  if (!payment) throw new Error('expected a payment');
  const invoice = await db.write((tx) => createInvoiceForPaidOrder(tx, order.id, payment.id));
  if (refunded > 0) await db.write((tx) => tx.update(orders).set({ amountRefunded: refunded }).where(eq(orders.id, order.id)));
  return { shopper, order, invoice };
}

const credit = (invoiceId: number, amount: number) =>
  db.write((tx) => createCreditNote(tx, { invoiceId, amount, staffId: staff.id, lineDescription: (invoice) => `Refund on ${invoice.number}` }));

const reload = async (id: number): Promise<Invoice> => {
  const [row] = await db.read.select().from(invoices).where(eq(invoices.id, id));
  if (!row) throw new Error('missing invoice');
  return row;
};
const linesOf = (invoiceId: number) => db.read.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(invoiceLines.id);

describe('createCreditNote', () => {
  it('takes back part of an order invoice up to what the order refunded, split by rate, in its own number series', async () => {
    const { invoice } = await invoicedOrder(10_000);
    expect(invoice.amountTotal).toBe(38_000);
    expect(await creditableAmount(db.read, invoice)).toBe(10_000);

    const outcome = await credit(invoice.id, 10_000);
    if (outcome.status !== 'issued') throw new Error(`expected issued, got ${outcome.status}`);
    const { creditNote } = outcome;
    expect(creditNote).toMatchObject({
      kind: 'credit_note',
      creditedInvoiceId: invoice.id,
      userId: invoice.userId,
      orderId: null,
      amountTotal: 10_000,
      amountResidual: 0,
      paymentState: 'paid',
      createdBy: staff.id,
    });
    expect(creditNote.number).toMatch(/^RINV\/\d{4}\/00001$/);
    expect(creditNote.amountNet + creditNote.amountTax).toBe(10_000);
    const lines = await linesOf(creditNote.id);
    // 27 000 at 20 % and 11 000 at 10 %: 10 000 splits 7 105 / 2 895, each taxed as the invoice was.
    expect(lines.map((line) => [line.description, line.quantity, line.taxRateBp, line.amount, line.amountNet, line.amountTax])).toEqual([
      ['Refund on ' + invoice.number, 1, 1_000, 2_895, 2_632, 263],
      ['Refund on ' + invoice.number, 1, 2_000, 7_105, 5_921, 1_184],
    ]);
    expect(await reload(invoice.id)).toMatchObject({ amountCredited: 10_000, amountResidual: 0, paymentState: 'paid' });
    expect(invoiceStatus(await reload(invoice.id))).toBe('paid');
    expect(await creditableAmount(db.read, await reload(invoice.id))).toBe(0);
    expect(await credit(invoice.id, 1)).toMatchObject({ status: 'exceeds_creditable', creditable: 0, currency: 'USD' });
  });

  it('refuses a credit beyond the refund, nothing when nothing was refunded, and a credit note of a credit note', async () => {
    const { invoice, order } = await invoicedOrder();
    expect(await credit(invoice.id, 100)).toMatchObject({ status: 'exceeds_creditable', creditable: 0 });
    await db.write((tx) => tx.update(orders).set({ amountRefunded: 5_000 }).where(eq(orders.id, order.id)));
    expect(await credit(invoice.id, 5_001)).toMatchObject({ status: 'exceeds_creditable', creditable: 5_000 });
    const issued = await credit(invoice.id, 5_000);
    if (issued.status !== 'issued') throw new Error('expected issued');
    expect(await credit(issued.creditNote.id, 1)).toEqual({ status: 'not_found' });
    expect(await credit(invoice.id, 0)).toEqual({ status: 'invalid_amount' });
    expect(await credit(invoice.id, 1.5)).toEqual({ status: 'invalid_amount' });
    expect(await credit(999_999, 1)).toEqual({ status: 'not_found' });
    expect((await reload(invoice.id)).amountCredited).toBe(5_000);
  });

  it('after a full refund, two credit notes take back exactly each rate\'s net and tax, and the invoice reads Refunded', async () => {
    const { invoice, shopper } = await invoicedOrder(38_000);
    const first = await credit(invoice.id, 12_345);
    const second = await credit(invoice.id, 38_000 - 12_345);
    if (first.status !== 'issued' || second.status !== 'issued') throw new Error('expected two credit notes');
    expect(Number(second.creditNote.number.slice(-5))).toBe(Number(first.creditNote.number.slice(-5)) + 1);
    const credited = totalsByRate([...(await linesOf(first.creditNote.id)), ...(await linesOf(second.creditNote.id))]);
    expect(credited).toEqual(totalsByRate(await linesOf(invoice.id)));
    for (const line of [...(await linesOf(first.creditNote.id)), ...(await linesOf(second.creditNote.id))]) {
      expect(line.amount).toBeGreaterThan(0);
      expect(line.amountNet + line.amountTax).toBe(line.amount);
      expect(line.amountTax).toBeGreaterThanOrEqual(0);
    }
    const after = await reload(invoice.id);
    expect(after).toMatchObject({ amountCredited: 38_000 });
    expect(invoiceStatus(after)).toBe('refunded');
    expect(invoiceStatus(second.creditNote)).toBe('credit_note');
    const relations = await getInvoiceRelations(db.read, after);
    expect(relations.creditNotes.map((note) => note.number)).toEqual([first.creditNote.number, second.creditNote.number]);
    expect((await getInvoiceRelations(db.read, second.creditNote)).creditedInvoice).toMatchObject({ id: invoice.id, number: invoice.number });
    expect(shopper.id).toBe(after.userId);
  });

  it('lets racing credit notes take back no more than was refunded', async () => {
    const { invoice } = await invoicedOrder(20_000);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => credit(invoice.id, 7_000)));
    expect(outcomes.filter((outcome) => outcome.status === 'issued')).toHaveLength(2);
    expect(outcomes.filter((outcome) => outcome.status === 'exceeds_creditable')).toHaveLength(4);
    const notes = await db.read
      .select()
      .from(invoices)
      .where(and(eq(invoices.creditedInvoiceId, invoice.id), eq(invoices.kind, 'credit_note')));
    expect(notes.reduce((sum, note) => sum + note.amountTotal, 0)).toBe(14_000);
    expect((await reload(invoice.id)).amountCredited).toBe(14_000);
  });

  it('on an invoice without an order, takes back anything not yet credited, first from what is still due', async () => {
    const shopper = await insertTestUser(db);
    const invoice = await issueInvoice(db, { userId: shopper.id, currency: 'USD', lines: [{ description: 'Workshop', quantity: 1, unitPriceMinor: 9_000 }] });
    expect(await creditableAmount(db.read, invoice)).toBe(9_000);
    expect(await credit(invoice.id, 4_000)).toMatchObject({ status: 'issued', invoice: { amountCredited: 4_000, amountResidual: 5_000, paymentState: 'not_paid' } });
    expect(await credit(invoice.id, 5_001)).toMatchObject({ status: 'exceeds_creditable', creditable: 5_000 });
    expect(await credit(invoice.id, 5_000)).toMatchObject({ status: 'issued', invoice: { amountCredited: 9_000, amountResidual: 0, paymentState: 'paid' } });
    expect(invoiceStatus(await reload(invoice.id))).toBe('refunded');
  });
});

describe('creditOrderInvoice', () => {
  it("credits all that the order refunded on its invoice, once; nothing for an order without an invoice or refund", async () => {
    const { order, invoice } = await invoicedOrder(38_000);
    const credit = () => db.write((tx) => creditOrderInvoice(tx, { orderId: order.id, staffId: null, lineDescription: () => 'Order cancelled' }));
    const issued = await credit();
    expect(issued?.creditNote).toMatchObject({ amountTotal: 38_000, createdBy: null, creditedInvoiceId: invoice.id });
    expect(invoiceStatus(await reload(invoice.id))).toBe('refunded');
    expect(await credit()).toBeUndefined();
    const unrefunded = await invoicedOrder();
    expect(await db.write((tx) => creditOrderInvoice(tx, { orderId: unrefunded.order.id, staffId: null, lineDescription: () => 'x' }))).toBeUndefined();
    const shopper = await insertTestUser(db);
    const { order: noInvoice } = await insertTaxedOrder(db, shopper.id, basket, { refunded: 38_000 });
    expect(await db.write((tx) => creditOrderInvoice(tx, { orderId: noInvoice.id, staffId: null, lineDescription: () => 'x' }))).toBeUndefined();
  });
});

describe('allocateCredit', () => {
  const remaining: RateTotal[] = [
    { taxRateBp: 0, net: 500, tax: 0, gross: 500 },
    { taxRateBp: 1_000, net: 1_000, tax: 100, gross: 1_100 },
    { taxRateBp: 2_000, net: 2_500, tax: 500, gross: 3_000 },
  ];

  it.each([
    [1, [[2_000, 1, 0]]],
    [460, [[0, 50, 0], [1_000, 110, 10], [2_000, 300, 50]]],
    [4_600, [[0, 500, 0], [1_000, 1_100, 100], [2_000, 3_000, 500]]],
  ])('splits %i over the open rates', (amount, expected) => {
    expect(allocateCredit(amount, remaining).map((part) => [part.taxRateBp, part.gross, part.tax])).toEqual(expected);
  });

  it('leaves out rates with nothing positive left and refuses more than is open', () => {
    const withDiscount = [...remaining, { taxRateBp: 800, net: -100, tax: -8, gross: -108 }];
    expect(allocateCredit(4_600, withDiscount).map((part) => part.taxRateBp)).toEqual([0, 1_000, 2_000]);
    expect(() => allocateCredit(4_601, remaining)).toThrow(RangeError);
    expect(() => allocateCredit(0, remaining)).toThrow(RangeError);
  });

  it('always gives parts that add up to the amount, each within its rate, net + tax = gross (property)', () => {
    const group = fc.record({ taxRateBp: fc.integer({ min: 0, max: 10_000 }), gross: fc.integer({ min: 1, max: 10 ** 12 }), share: fc.integer({ min: 0, max: 100 }) });
    fc.assert(
      fc.property(fc.uniqueArray(group, { selector: (g) => g.taxRateBp, minLength: 1, maxLength: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), (groups, fraction) => {
        const open = groups.map(({ taxRateBp, gross, share }) => {
          const tax = Math.floor((gross * share) / 100);
          return { taxRateBp, gross, tax, net: gross - tax };
        });
        const whole = open.reduce((sum, g) => sum + g.gross, 0);
        const amount = Math.max(1, Math.min(whole, Math.round(whole * fraction)));
        const parts = allocateCredit(amount, open);
        expect(parts.reduce((sum, part) => sum + part.gross, 0)).toBe(amount);
        for (const part of parts) {
          const from = open.find((g) => g.taxRateBp === part.taxRateBp);
          if (!from) throw new Error('a part of an unknown rate');
          expect(part.gross).toBeGreaterThan(0);
          expect(part.gross).toBeLessThanOrEqual(from.gross);
          expect(part.net + part.tax).toBe(part.gross);
          expect(part.tax).toBeGreaterThanOrEqual(0);
          expect(part.tax).toBeLessThanOrEqual(from.tax);
          expect(part.net).toBeLessThanOrEqual(from.net);
        }
      }),
    );
  });
});
