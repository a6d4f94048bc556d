import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoiceLines, invoices, orderLines, orders, payments, products } from '@/db/schema';
import { createPaymentRecord } from '@/lib/payments/records';
import { insertTaxedOrder } from '@/test/helpers/taxed-orders';
import { insertTestUser } from '@/test/helpers/users';
import { issueInvoice } from './create';
import { createInvoiceForPaidOrder, invoiceLineOf } from './from-order';
import { totalsByRate } from '@/lib/orders/tax';
import { listInvoicePayments } from './queries';

const db = getDatabase();

/** A paid order with its lines and a done wallet payment, as checkout leaves it. */
function paidOrder(userId: number, items: { name: string; price: number; quantity: number }[], total?: number) {
  return db.write(async (tx) => {
    const lines = [];
    for (const item of items) {
      const [product] = await tx
        .insert(products)
        .values({ slug: `p-${crypto.randomUUID()}`, name: item.name, description: item.name, priceMinor: item.price, currency: 'USD', image: '/x.svg' })
        .returning({ id: products.id });
      if (!product) throw new Error('The product was not inserted.');
      lines.push({ ...item, productId: product.id });
    }
    const amountTotal = total ?? lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
    const [order] = await tx
      .insert(orders)
      .values({
        number: `S${crypto.randomUUID().slice(0, 8)}`,
        userId,
        state: 'paid',
        paymentMethod: 'wallet',
        amountTotal,
        currency: 'USD',
        checkoutKey: crypto.randomUUID(),
        createdAt: new Date(),
        paidAt: new Date(),
      })
      .returning();
    if (!order) throw new Error('The order was not inserted.');
    await tx.insert(orderLines).values(
      lines.map((line) => ({
        orderId: order.id,
        productId: line.productId,
        name: line.name,
        unitPriceMinor: line.price,
        quantity: line.quantity,
        amount: line.price * line.quantity,
      })),
    );
    const { payment } = await createPaymentRecord(tx, {
      userId,
      purpose: 'order',
      provider: 'wallet',
      amount: amountTotal,
      currency: 'USD',
      state: 'done',
      orderId: order.id,
      idempotencyKey: `test-order:${order.id}`,
    });
    return { order, payment };
  });
}

const invoiceForPaidOrder = (orderId: number, paymentId: number) => db.write((tx) => createInvoiceForPaidOrder(tx, orderId, paymentId));
const invoicesOfOrder = (orderId: number) => db.read.select().from(invoices).where(eq(invoices.orderId, orderId));
const linesOf = (invoiceId: number) => db.read.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(invoiceLines.id);

describe('createInvoiceForPaidOrder', () => {
  it('issues a paid invoice with the order lines and total, listing the order payment', async () => {
    const shopper = await insertTestUser(db);
    const { order, payment } = await paidOrder(shopper.id, [
      { name: 'Moka pot', price: 3_450, quantity: 2 },
      { name: 'Filter papers', price: 599, quantity: 3 },
    ]);
    const invoice = await invoiceForPaidOrder(order.id, payment.id);

    expect(invoice).toMatchObject({
      userId: shopper.id,
      orderId: order.id,
      amountTotal: 8_697,
      amountResidual: 0,
      paymentState: 'paid',
      currency: 'USD',
    });
    expect(invoice.number).toMatch(/^INV\/\d{4}\/\d{5}$/);
    const lines = await linesOf(invoice.id);
    expect(lines.map((line) => [line.description, line.quantity, line.unitPriceMinor, line.amount])).toEqual([
      ['Moka pot', 2, 3_450, 6_900],
      ['Filter papers', 3, 599, 1_797],
    ]);
    expect((await db.read.select().from(payments).where(eq(payments.id, payment.id)))[0]?.invoiceId).toBe(invoice.id);
    expect(await listInvoicePayments(db.read, invoice.id)).toEqual([
      expect.objectContaining({ reference: payment.reference, provider: 'wallet', amount: 8_697 }),
    ]);
  });

  it('returns the same invoice when called again, drawing no new number', async () => {
    const shopper = await insertTestUser(db);
    const { order, payment } = await paidOrder(shopper.id, [{ name: 'Cup', price: 1_200, quantity: 1 }]);
    const first = await invoiceForPaidOrder(order.id, payment.id);
    const again = await invoiceForPaidOrder(order.id, payment.id);
    expect(again.id).toBe(first.id);
    expect(await invoicesOfOrder(order.id)).toHaveLength(1);
    const next = await issueInvoice(db, { userId: shopper.id, currency: 'USD', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 1 }] });
    expect(Number(next.number.slice(-5))).toBe(Number(first.number.slice(-5)) + 1);
  });

  it('marks paid an invoice issued earlier for the order (e.g. while a wire transfer was awaited)', async () => {
    const shopper = await insertTestUser(db);
    const { order, payment } = await paidOrder(shopper.id, [{ name: 'Kettle', price: 5_000, quantity: 1 }]);
    const issued = await issueInvoice(db, {
      userId: shopper.id,
      orderId: order.id,
      currency: 'USD',
      lines: [{ description: 'Kettle', quantity: 1, unitPriceMinor: 5_000 }],
    });
    const invoice = await invoiceForPaidOrder(order.id, payment.id);
    expect(invoice).toMatchObject({ id: issued.id, amountResidual: 0, paymentState: 'paid' });
  });

  it('adds a line for any difference between the lines and the order total', async () => {
    const shopper = await insertTestUser(db);
    const { order, payment } = await paidOrder(shopper.id, [{ name: 'Scale', price: 4_000, quantity: 1 }], 3_600);
    const invoice = await invoiceForPaidOrder(order.id, payment.id);
    expect(invoice.amountTotal).toBe(3_600);
    const lines = await linesOf(invoice.id);
    expect(lines.map((line) => line.amount)).toEqual([4_000, -400]);
    expect(lines[1]?.description).toBe(`Discount on order ${order.number}`);
  });

  it("refuses a payment of another shopper or another order, and a rollback leaves no invoice", async () => {
    const shopper = await insertTestUser(db);
    const other = await insertTestUser(db);
    const { order } = await paidOrder(shopper.id, [{ name: 'Tamper', price: 2_500, quantity: 1 }]);
    const { payment: foreign } = await paidOrder(other.id, [{ name: 'Tamper', price: 2_500, quantity: 1 }]);
    await expect(invoiceForPaidOrder(order.id, foreign.id)).rejects.toMatchObject({ code: 'ORDER_NOT_PAYABLE' });
    await expect(invoiceForPaidOrder(999_999, foreign.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await invoicesOfOrder(order.id)).toHaveLength(0);
  });

  it('copies each line with its kind, rate, net and tax, the shipping line last, and sums them on the invoice', async () => {
    const shopper = await insertTestUser(db);
    const { order, payment } = await insertTaxedOrder(db, shopper.id, [
      { name: 'Standard delivery', quantity: 1, unitPrice: 4_990, rateBp: 2_000, kind: 'shipping' },
      { name: 'Çay bardağı', quantity: 3, unitPrice: 1_999, rateBp: 2_000 },
      { name: 'Kitap', quantity: 1, unitPrice: 12_345, rateBp: 1_000 },
      { name: 'Gift card', quantity: 1, unitPrice: 5_000, rateBp: 0 },
    ]);
    if (!payment) throw new Error('expected a payment');
    const invoice = await invoiceForPaidOrder(order.id, payment.id);
    const lines = await linesOf(invoice.id);
    expect(lines.map((line) => [line.kind, line.description, line.quantity, line.unitPriceMinor, line.amount, line.taxRateBp, line.amountNet, line.amountTax])).toEqual([
      ['product', 'Çay bardağı', 3, 1_999, 5_997, 2_000, 4_997, 1_000],
      ['product', 'Kitap', 1, 12_345, 12_345, 1_000, 11_223, 1_122],
      ['product', 'Gift card', 1, 5_000, 5_000, 0, 5_000, 0],
      ['shipping', 'Standard delivery', 1, 4_990, 4_990, 2_000, 4_158, 832],
    ]);
    expect(invoice).toMatchObject({ amountTotal: order.amountTotal, amountNet: order.amountNet, amountTax: order.amountTax, kind: 'invoice', amountCredited: 0 });
    expect(invoice.amountNet + invoice.amountTax).toBe(invoice.amountTotal);
    expect(totalsByRate(lines)).toEqual([
      { taxRateBp: 0, net: 5_000, tax: 0, gross: 5_000 },
      { taxRateBp: 1_000, net: 11_223, tax: 1_122, gross: 12_345 },
      { taxRateBp: 2_000, net: 9_155, tax: 1_832, gross: 10_987 },
    ]);
  });
});

describe('invoiceLineOf', () => {
  const line = { kind: 'product', name: 'Mug', quantity: 2, unitPriceMinor: 600, amount: 1_200, taxRateBp: 1_800, amountNet: 1_017, amountTax: 183 } as const;
  it.each([
    ['as stored', line, { kind: 'product', description: 'Mug', quantity: 2, unitPriceMinor: 600, tax: { rateBp: 1_800, net: 1_017, tax: 183 } }],
    [
      'untaxed when the stored split is the columns\' defaults (an order from before tax)',
      { ...line, amountNet: 0, amountTax: 0 },
      { kind: 'product', description: 'Mug', quantity: 2, unitPriceMinor: 600, tax: undefined },
    ],
    [
      'one unit of its amount when the amount is not quantity × unit price',
      { ...line, unitPriceMinor: 601 },
      { kind: 'product', description: 'Mug', quantity: 1, unitPriceMinor: 1_200, tax: { rateBp: 1_800, net: 1_017, tax: 183 } },
    ],
  ])('an order line becomes an invoice line %s', (_name, input, expected) => {
    expect(invoiceLineOf(input)).toEqual(expected);
  });
});
