import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { notifyOrderPaid } from '@/lib/notifications/events';
import type { Query, Tx } from '@/db/database';
import { orderLines, orders, payments, type Order, type Payment, type PaymentMethod } from '@/db/schema';
import { createInvoiceForPaidOrder } from '@/lib/invoices/from-order';
import { nextSequenceValue, postTransfer } from '@/lib/ledger';
import { findPayment, movePayment } from '@/lib/payments/records';
import { recordOrderEvent } from '@/lib/orders/events';
import { getSettings } from '@/lib/settings';
import type { ResolvedDelivery } from './delivery';
import { CheckoutError } from './errors';
import { paymentTransferKey } from './keys';
import type { OrderPricing } from './pricing';

/** The next order number, S00001, S00002, … without gaps. A step of the transaction that creates the order. */
export async function nextOrderNumber(tx: Tx): Promise<string> {
  return `S${String(await nextSequenceValue(tx, 'order')).padStart(5, '0')}`;
}

/** What a new order is made of: priced lines and totals, the way of paying, the delivery. */
export type NewOrder = {
  userId: number;
  pricing: OrderPricing;
  method: PaymentMethod;
  checkoutKey: string;
  delivery: ResolvedDelivery;
  /** Units taken from stock per line of pricing.lines (0 for untracked products and the shipping line). */
  stockReserved: readonly number[];
};

/**
 * Creates a confirmed order and its lines (products, then the shipping line) as a step of the
 * caller's transaction: totals net/tax/shipping/total from the pricing, the delivery address
 * copied onto the order (null for pick-up). A line's amount is its gross; its unitPriceMinor is the
 * price as the shop wrote it (net when prices exclude tax). The checkout key is UNIQUE and the
 * insert does nothing on a conflict: undefined means another checkout with this key placed its
 * order first (the caller rolls back, so the order number drawn here is given back).
 */
export async function insertOrder(tx: Tx, input: NewOrder): Promise<Order | undefined> {
  const { pricing, delivery } = input;
  const address = delivery.address;
  const [order] = await tx
    .insert(orders)
    .values({
      number: await nextOrderNumber(tx),
      userId: input.userId,
      state: 'confirmed',
      paymentMethod: input.method,
      amountTotal: pricing.total,
      amountNet: pricing.net,
      amountTax: pricing.tax,
      amountShipping: pricing.shippingGross,
      pricesIncludeTax: pricing.pricesIncludeTax,
      currency: pricing.currency,
      checkoutKey: input.checkoutKey,
      shippingMethodId: delivery.method?.id ?? null,
      deliveryName: address?.fullName ?? null,
      deliveryAddress: address?.address ?? null,
      deliveryCity: address?.city ?? null,
      deliveryPostalCode: address?.postalCode ?? null,
      deliveryCountry: address?.country ?? null,
      deliveryPhone: address?.phone ?? null,
      createdAt: new Date(),
    })
    .onConflictDoNothing({ target: orders.checkoutKey })
    .returning();
  if (!order) return undefined;
  await recordOrderEvent(tx, { orderId: order.id, from: null, to: 'confirmed', actorId: input.userId });
  await tx.insert(orderLines).values(
    pricing.lines.map((line, index) => ({
      orderId: order.id,
      kind: line.kind,
      productId: line.productId,
      name: line.name,
      unitPriceMinor: line.unitPriceMinor,
      quantity: line.quantity,
      amount: line.amount,
      taxRateBp: line.taxRateBp,
      amountNet: line.amountNet,
      amountTax: line.amountTax,
      stockReserved: input.stockReserved[index] ?? 0,
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

/** A Cash on Delivery order already on its way (processing, shipped, delivered) whose money has not been recorded yet. */
export function awaitsCashOnDelivery(order: Pick<Order, 'paymentMethod' | 'paidAt' | 'state'>): boolean {
  return order.paymentMethod === 'cash_on_delivery' && order.paidAt === null && fulfilmentStates.includes(order.state);
}

const fulfilmentStates: Order['state'][] = ['processing', 'shipped', 'delivered'];

/**
 * Marks a confirmed order paid by `paymentId` and, with Automatic Invoice on, creates its posted,
 * paid invoice. A Cash on Delivery order already on its way keeps its state and gets its paidAt.
 * A step of the transaction that recorded the money; the UPDATE's guard makes it happen once.
 */
export async function settleOrder(tx: Tx, order: Order, paymentId: number): Promise<Order> {
  const onItsWay = awaitsCashOnDelivery(order);
  const [paid] = onItsWay
    ? await tx
        .update(orders)
        .set({ paidAt: new Date() })
        .where(and(eq(orders.id, order.id), isNull(orders.paidAt), inArray(orders.state, fulfilmentStates)))
        .returning()
    : await tx
        .update(orders)
        .set({ state: 'paid', paidAt: new Date() })
        .where(and(eq(orders.id, order.id), eq(orders.state, 'confirmed')))
        .returning();
  if (!paid) throw new CheckoutError('INVALID_STATE', `Order ${order.number} is no longer waiting for payment.`, { reason: 'orderNotAwaiting', number: order.number });
  if (!onItsWay) await recordOrderEvent(tx, { orderId: paid.id, from: 'confirmed', to: 'paid', actorId: null });
  await notifyOrderPaid(tx, paid);
  if ((await getSettings(tx)).automaticInvoice) await createInvoiceForPaidOrder(tx, paid.id, paymentId);
  return paid;
}

/**
 * Pays an order's open wallet payment at once, as a step of the transaction that opened it: debits
 * the wallet to sales through the ledger (which refuses an overdraft with InsufficientFundsError:
 * the caller's transaction must roll back), marks the payment done and the order paid.
 */
export async function settleFromWallet(tx: Tx, order: Order, payment: Payment): Promise<{ order: Order; payment: Payment }> {
  const { transfer } = await postTransfer(tx, {
    debit: { wallet: order.userId, currency: order.currency },
    credit: { system: 'sales', currency: order.currency },
    amount: order.amountTotal,
    currency: order.currency,
    kind: 'payment',
    idempotencyKey: paymentTransferKey(payment.id, 'order'),
    description: { code: 'orderPayment', params: { number: order.number } },
    orderId: order.id,
    paymentId: payment.id,
    createdBy: order.userId,
  });
  await movePayment(tx, payment.id, 'pending', 'done', { transferId: transfer.id });
  const paid = await settleOrder(tx, order, payment.id);
  return { order: paid, payment: (await findPayment(tx, payment.id)) ?? payment };
}
