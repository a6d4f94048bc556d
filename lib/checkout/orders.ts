import { and, desc, eq } from 'drizzle-orm';
import type { Query, Tx } from '@/db/database';
import { orderLines, orders, payments, type Order, type Payment, type PaymentMethod } from '@/db/schema';
import { createInvoiceForPaidOrder } from '@/lib/invoices/from-order';
import { nextSequenceValue } from '@/lib/ledger';
import { recordOrderEvent } from '@/lib/orders/events';
import { getSettings } from '@/lib/settings';
import type { PricedCart } from '@/lib/shop/cart';
import { CheckoutError } from './errors';

/** The next order number, S00001, S00002, … without gaps. A step of the transaction that creates the order. */
export async function nextOrderNumber(tx: Tx): Promise<string> {
  return `S${String(await nextSequenceValue(tx, 'order')).padStart(5, '0')}`;
}

/**
 * Creates a confirmed order and its lines from a priced cart, as a step of the caller's
 * transaction. The checkout key is UNIQUE and the insert does nothing on a conflict: undefined
 * means another checkout with this key placed its order first (the caller rolls back, so the
 * order number drawn here is given back).
 */
export async function insertOrder(tx: Tx, userId: number, cart: PricedCart, method: PaymentMethod, checkoutKey: string): Promise<Order | undefined> {
  const [order] = await tx
    .insert(orders)
    .values({
      number: await nextOrderNumber(tx),
      userId,
      state: 'confirmed',
      paymentMethod: method,
      amountTotal: cart.total,
      currency: cart.currency,
      checkoutKey,
      createdAt: new Date(),
    })
    .onConflictDoNothing({ target: orders.checkoutKey })
    .returning();
  if (!order) return undefined;
  await recordOrderEvent(tx, { orderId: order.id, from: null, to: 'confirmed', actorId: userId });
  await tx.insert(orderLines).values(
    cart.lines.map((line) => ({
      orderId: order.id,
      productId: line.productId,
      name: line.name,
      unitPriceMinor: line.unitPriceMinor,
      quantity: line.quantity,
      amount: line.amount,
    })),
  );
  return order;
}

/** An order by id, or undefined. */
export async function findOrder(q: Query, orderId: number): Promise<Order | undefined> {
  const [order] = await q.select().from(orders).where(eq(orders.id, orderId));
  return order;
}

/** The order a checkout attempt created, if it created one. */
export async function findOrderByCheckoutKey(q: Query, checkoutKey: string): Promise<Order | undefined> {
  const [order] = await q.select().from(orders).where(eq(orders.checkoutKey, checkoutKey));
  return order;
}

/** A shopper's own order by number; someone else's is undefined. */
export async function findOwnOrder(q: Query, userId: number, orderNumber: string): Promise<Order | undefined> {
  const [order] = await q
    .select()
    .from(orders)
    .where(and(eq(orders.number, orderNumber), eq(orders.userId, userId)));
  return order;
}

/** The payments recorded for an order, newest first. */
export async function listOrderPayments(q: Query, orderId: number): Promise<Payment[]> {
  return q.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(desc(payments.id));
}

/**
 * Marks a confirmed order paid by `paymentId` and, with Automatic Invoice on, creates its posted,
 * paid invoice. A step of the transaction that recorded the money.
 */
export async function settleOrder(tx: Tx, order: Order, paymentId: number): Promise<Order> {
  const [paid] = await tx
    .update(orders)
    .set({ state: 'paid', paidAt: new Date() })
    .where(and(eq(orders.id, order.id), eq(orders.state, 'confirmed')))
    .returning();
  if (!paid) throw new CheckoutError('INVALID_STATE', `Order ${order.number} is no longer waiting for payment.`, { reason: 'orderNotAwaiting', number: order.number });
  await recordOrderEvent(tx, { orderId: paid.id, from: 'confirmed', to: 'paid', actorId: null });
  if ((await getSettings(tx)).automaticInvoice) await createInvoiceForPaidOrder(tx, paid.id, paymentId);
  return paid;
}
