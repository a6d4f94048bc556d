import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { orders, payments, type Order, type Payment, type PaymentMethod, type PaymentProvider } from '@/db/schema';
import { orderPath } from '@/lib/checkout/labels';
import { findOwnOrder, settleFromWallet } from '@/lib/checkout/orders';
import { cardPaymentDestination } from '@/lib/checkout/wallet-and-card';
import { InsufficientFundsError } from '@/lib/ledger';
import { closePayment } from '@/lib/payments/complete';
import type { PaymentFailure } from '@/lib/payments/failures';
import { cardProvider } from '@/lib/payments/providers';
import { createPaymentRecord } from '@/lib/payments/records';
import { releaseWalletHold } from '@/lib/payments/split';
import { isPaymentMethodEnabled } from '@/lib/settings';
import { closeProviderPages } from './cancel-order';
import { OrderError } from './errors';
import { checkOrderAttemptKey, switchPaymentKey } from './keys';

/** The ways a pending order can be switched to (Wallet and Card is chosen at checkout only). */
export type SwitchMethod = PaymentMethod;

export type SwitchOutcome = {
  order: Order;
  /** The new way's payment: pending (card, wire, cash) or done (wallet). */
  payment: Payment;
  /** True when this attempt key had already switched the order: nothing new was done. */
  replayed: boolean;
  /** Where the shopper goes next: the card page, or the order page. */
  next: string;
};

// The shopper closed the old way themselves.
const switchedAway: PaymentFailure = { code: 'shopperCancelled' };

function providerOf(method: SwitchMethod): PaymentProvider {
  return method === 'card' ? cardProvider() : method;
}

async function paymentByKey(q: Query, idempotencyKey: string): Promise<Payment | undefined> {
  const [payment] = await q.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey));
  return payment;
}

class SwitchRaced extends Error {
  constructor() {
    super('The order changed while its way of paying was being switched.');
    this.name = 'SwitchRaced';
  }
}

type Switched = { order: Order; payment: Payment; replayed: boolean };

/**
 * In one write transaction: the order's method changes (a guarded UPDATE on the state and the
 * method read), its wallet holds are released and open payments closed, and the new way's payment
 * is recorded under the attempt's key; the wallet pays at once (wallet → sales, the order paid,
 * invoiced as at checkout) or nothing changes at all (INSUFFICIENT_FUNDS rolls it all back).
 */
async function switchIn(tx: Tx, userId: number, orderNumber: string, method: SwitchMethod, attemptKey: string): Promise<Switched> {
  const order = await findOwnOrder(tx, userId, orderNumber);
  if (!order) throw new OrderError('NOT_FOUND', { subject: 'order' });
  const earlier = await paymentByKey(tx, switchPaymentKey(order.id, attemptKey, method));
  if (earlier) return { order, payment: earlier, replayed: true };
  if (order.state !== 'confirmed') throw new OrderError('NOT_SWITCHABLE', { number: order.number });
  if (order.paymentMethod === method) throw new OrderError('SAME_METHOD', { method });
  if (!(await isPaymentMethodEnabled(tx, method))) throw new OrderError('METHOD_DISABLED', { method });
  const open = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, order.id), inArray(payments.state, ['draft', 'pending', 'authorized'])))
    .orderBy(asc(payments.id));
  // A Stripe page opened after the pages were closed: it must be closed at Stripe first.
  if (open.some((payment) => payment.provider === 'stripe' && payment.state === 'pending' && payment.providerReference !== null)) throw new SwitchRaced();

  const [switched] = await tx
    .update(orders)
    .set({ paymentMethod: method })
    .where(and(eq(orders.id, order.id), eq(orders.state, 'confirmed'), eq(orders.paymentMethod, order.paymentMethod)))
    .returning();
  if (!switched) throw new SwitchRaced();
  for (const hold of open.filter((payment) => payment.provider === 'wallet')) await releaseWalletHold(tx, hold.id, switchedAway);
  for (const payment of open.filter((payment) => payment.provider !== 'wallet')) await closePayment(tx, payment.id, 'canceled', switchedAway);

  const { payment } = await createPaymentRecord(tx, {
    userId,
    purpose: 'order',
    provider: providerOf(method),
    amount: order.amountTotal,
    currency: order.currency,
    orderId: order.id,
    idempotencyKey: switchPaymentKey(order.id, attemptKey, method),
    returnPath: orderPath(order.number),
  });
  if (method !== 'wallet') return { order: switched, payment, replayed: false };

  try {
    return { ...(await settleFromWallet(tx, switched, payment)), replayed: false };
  } catch (error) {
    if (error instanceof InsufficientFundsError) throw new OrderError('INSUFFICIENT_FUNDS', { reason: 'order' });
    throw error;
  }
}

/**
 * The shopper switches their own order, still waiting for its payment, to another way of paying
 * (Card, Wire Transfer, Cash on Delivery, or the Wallet when it covers the order): an open Stripe
 * page is expired at Stripe first (outside the transaction; PAYMENT_OPEN when Stripe does not
 * answer), then switchIn closes the old way and opens the new one. Exactly once per attempt key:
 * a double click or a retry answers with the payment the first one opened.
 */
export async function switchOrderPayment(
  db: Database,
  user: { id: number; email: string },
  input: { orderNumber: string; method: SwitchMethod; attemptKey: string },
): Promise<SwitchOutcome> {
  const attemptKey = checkOrderAttemptKey(input.attemptKey);
  for (let attempt = 0; ; attempt += 1) {
    const order = await findOwnOrder(db.read, user.id, input.orderNumber);
    if (!order) throw new OrderError('NOT_FOUND', { subject: 'order' });
    const replay = await paymentByKey(db.read, switchPaymentKey(order.id, attemptKey, input.method));
    if (!replay && order.state === 'confirmed' && order.paymentMethod !== input.method) await closeProviderPages(db, order);
    let switched: Switched;
    try {
      switched = await db.write((tx) => switchIn(tx, user.id, input.orderNumber, input.method, attemptKey));
    } catch (error) {
      if (!(error instanceof SwitchRaced)) throw error;
      if (attempt >= 2) throw new OrderError('PAYMENT_OPEN', { number: order.number });
      continue;
    }
    const whenFinished = orderPath(switched.order.number);
    const next =
      input.method === 'card' && switched.payment.state === 'pending'
        ? await cardPaymentDestination(db, switched.payment, user.email, { whenFinished })
        : whenFinished;
    return { ...switched, next };
  }
}
