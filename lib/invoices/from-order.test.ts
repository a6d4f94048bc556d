import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { invoiceLines, invoices, orderLines, orders, payments, products } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { createPaymentRecord } from '@/lib/payments/records';
import { insertTestUser } from '@/test/helpers/users';
import { createInvoice } from './create';
import { createInvoiceForPaidOrder } from './from-order';
import { listInvoicePayments } from './queries';

function product(name: string, priceMinor: number) {
  return db
    .insert(products)
    .values({ slug: `p-${crypto.randomUUID()}`, name, description: name, priceMinor, currency: 'USD', image: '/x.svg' })
    .returning()
    .get();
}

/** A paid order with its lines and a done wallet payment, as checkout leaves it. */
function paidOrder(userId: number, items: { name: string; price: number; quantity: number }[], total?: number) {
  const lines = items.map((item) => ({ ...item, productId: product(item.name, item.price).id }));
  const amountTotal = total ?? lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const order = db
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
    .returning()
    .get();
  db.insert(orderLines)
    .values(
      lines.map((line) => ({
        orderId: order.id,
        productId: line.productId,
        name: line.name,
        unitPriceMinor: line.price,
        quantity: line.quantity,
        amount: line.price * line.quantity,
      })),
    )
    .run();
  const { payment } = writeTransaction(() =>
    createPaymentRecord({
      userId,
      purpose: 'order',
      provider: 'wallet',
      amount: amountTotal,
      currency: 'USD',
      state: 'done',
      orderId: order.id,
      idempotencyKey: `test-order:${order.id}`,
    }),
  );
  return { order, payment };
}

describe('createInvoiceForPaidOrder', () => {
  it('issues a paid invoice with the order lines and total, listing the order payment', () => {
    const shopper = insertTestUser();
    const { order, payment } = paidOrder(shopper.id, [
      { name: 'Moka pot', price: 3_450, quantity: 2 },
      { name: 'Filter papers', price: 599, quantity: 3 },
    ]);
    const invoice = writeTransaction(() => createInvoiceForPaidOrder(order.id, payment.id));

    expect(invoice).toMatchObject({
      userId: shopper.id,
      orderId: order.id,
      amountTotal: 8_697,
      amountResidual: 0,
      paymentState: 'paid',
      currency: 'USD',
    });
    expect(invoice.number).toMatch(/^INV\/\d{4}\/\d{5}$/);
    const lines = db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).all();
    expect(lines.map((line) => [line.description, line.quantity, line.unitPriceMinor, line.amount])).toEqual([
      ['Moka pot', 2, 3_450, 6_900],
      ['Filter papers', 3, 599, 1_797],
    ]);
    expect(db.select().from(payments).where(eq(payments.id, payment.id)).get()?.invoiceId).toBe(invoice.id);
    expect(listInvoicePayments(invoice.id)).toEqual([
      expect.objectContaining({ reference: payment.reference, method: 'Wallet', amount: 8_697 }),
    ]);
  });

  it('returns the same invoice when called again, drawing no new number', () => {
    const shopper = insertTestUser();
    const { order, payment } = paidOrder(shopper.id, [{ name: 'Cup', price: 1_200, quantity: 1 }]);
    const first = createInvoiceForPaidOrder(order.id, payment.id);
    const again = createInvoiceForPaidOrder(order.id, payment.id);
    expect(again.id).toBe(first.id);
    expect(db.select().from(invoices).where(eq(invoices.orderId, order.id)).all()).toHaveLength(1);
    const next = createInvoice({ userId: shopper.id, currency: 'USD', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 1 }] });
    expect(Number(next.number.slice(-5))).toBe(Number(first.number.slice(-5)) + 1);
  });

  it('marks paid an invoice issued earlier for the order (e.g. while a wire transfer was awaited)', () => {
    const shopper = insertTestUser();
    const { order, payment } = paidOrder(shopper.id, [{ name: 'Kettle', price: 5_000, quantity: 1 }]);
    const issued = createInvoice({ userId: shopper.id, orderId: order.id, currency: 'USD', lines: [{ description: 'Kettle', quantity: 1, unitPriceMinor: 5_000 }] });
    const invoice = createInvoiceForPaidOrder(order.id, payment.id);
    expect(invoice).toMatchObject({ id: issued.id, amountResidual: 0, paymentState: 'paid' });
  });

  it('adds a line for any difference between the lines and the order total', () => {
    const shopper = insertTestUser();
    const { order, payment } = paidOrder(shopper.id, [{ name: 'Scale', price: 4_000, quantity: 1 }], 3_600);
    const invoice = createInvoiceForPaidOrder(order.id, payment.id);
    expect(invoice.amountTotal).toBe(3_600);
    const lines = db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).all();
    expect(lines.map((line) => line.amount)).toEqual([4_000, -400]);
    expect(lines[1]?.description).toBe(`Discount on order ${order.number}`);
  });

  it("refuses a payment of another shopper or another order, and a rollback leaves no invoice", () => {
    const shopper = insertTestUser();
    const other = insertTestUser();
    const { order } = paidOrder(shopper.id, [{ name: 'Tamper', price: 2_500, quantity: 1 }]);
    const { payment: foreign } = paidOrder(other.id, [{ name: 'Tamper', price: 2_500, quantity: 1 }]);
    expect(() => createInvoiceForPaidOrder(order.id, foreign.id)).toThrow(expect.objectContaining({ code: 'ORDER_NOT_PAYABLE' }));
    expect(() => createInvoiceForPaidOrder(999_999, foreign.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(db.select().from(invoices).where(eq(invoices.orderId, order.id)).all()).toHaveLength(0);
  });
});
