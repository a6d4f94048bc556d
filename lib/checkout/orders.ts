import { and, desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orderLines, orders, payments, type Order, type Payment, type PaymentMethod } from '@/db/schema';
import { createInvoiceForPaidOrder } from '@/lib/invoices/from-order';
import { nextSequenceValue } from '@/lib/ledger';
import { getSettings } from '@/lib/settings';
import type { PricedCart } from '@/lib/shop/cart';
import { CheckoutError } from './errors';

/** The next order number, S00001, S00002, … without gaps. Call inside the transaction that creates the order. */
export function nextOrderNumber(): string {
  return `S${String(nextSequenceValue('order')).padStart(5, '0')}`;
}

/** Creates a confirmed order and its lines from a priced cart. Call inside a write transaction. */
export function insertOrder(userId: number, cart: PricedCart, method: PaymentMethod, checkoutKey: string): Order {
  const order = db
    .insert(orders)
    .values({
      number: nextOrderNumber(),
      userId,
      state: 'confirmed',
      paymentMethod: method,
      amountTotal: cart.total,
      currency: cart.currency,
      checkoutKey,
      createdAt: new Date(),
    })
    .returning()
    .get();
  db.insert(orderLines)
    .values(
      cart.lines.map((line) => ({
        orderId: order.id,
        productId: line.productId,
        name: line.name,
        unitPriceMinor: line.unitPriceMinor,
        quantity: line.quantity,
        amount: line.amount,
      })),
    )
    .run();
  return order;
}

/** An order by id, or undefined. */
export function findOrder(orderId: number): Order | undefined {
  return db.select().from(orders).where(eq(orders.id, orderId)).get();
}

/** The order a checkout attempt created, if it created one. */
export function findOrderByCheckoutKey(checkoutKey: string): Order | undefined {
  return db.select().from(orders).where(eq(orders.checkoutKey, checkoutKey)).get();
}

/** A shopper's own order by number; someone else's is undefined. */
export function findOwnOrder(userId: number, orderNumber: string): Order | undefined {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.number, orderNumber), eq(orders.userId, userId)))
    .get();
}

/** The payments recorded for an order, newest first. */
export function listOrderPayments(orderId: number): Payment[] {
  return db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(desc(payments.id)).all();
}

/**
 * Marks a confirmed order paid by `paymentId` and, with Automatic Invoice on, creates its posted,
 * paid invoice. Call inside the transaction that recorded the money.
 */
export function settleOrder(order: Order, paymentId: number): Order {
  const paid = db
    .update(orders)
    .set({ state: 'paid', paidAt: new Date() })
    .where(and(eq(orders.id, order.id), eq(orders.state, 'confirmed')))
    .returning()
    .get();
  if (!paid) throw new CheckoutError('INVALID_STATE', `Order ${order.number} is no longer waiting for payment.`);
  if (getSettings().automaticInvoice) createInvoiceForPaidOrder(paid.id, paymentId);
  return paid;
}
