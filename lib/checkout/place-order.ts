import { and, desc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { payments, type Order, type Payment, type PaymentMethod, type PaymentProvider } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { InsufficientFundsError, postTransfer } from '@/lib/ledger';
import { paymentPagePath } from '@/lib/payments/paths';
import { createPaymentRecord, movePayment } from '@/lib/payments/records';
import { createCheckoutSession } from '@/lib/payments/stripe';
import { stripeEnabled } from '@/lib/payments/stripe-client';
import { getSettings } from '@/lib/settings';
import { clearCart, getCart } from '@/lib/shop/cart';
import { CheckoutError } from './errors';
import { orderPath } from './labels';
import { findOrderByCheckoutKey, findOwnOrder, insertOrder, listOrderPayments, settleOrder } from './orders';

export type CheckoutAttempt = {
  method: PaymentMethod;
  /** One per rendering of the checkout page: a retry or double click with it places one order. */
  checkoutKey: string;
  /** The cart fingerprint the shopper saw; when given, a changed cart is refused instead of charged. */
  cartVersion?: string;
};

export type PlacedOrder = {
  order: Order;
  payment: Payment;
  /** True when this attempt key had already placed the order: nothing new was created. */
  replayed: boolean;
  /** Where the shopper goes next: the order page, or the card payment page. */
  next: string;
};

export const INSUFFICIENT_FUNDS_MESSAGE = 'Your wallet balance is not enough for this order.';

const checkoutProviders: Record<Exclude<PaymentMethod, 'card'>, PaymentProvider> = {
  wallet: 'wallet',
  wire_transfer: 'wire_transfer',
  cash_on_delivery: 'cash_on_delivery',
};

function providerFor(method: PaymentMethod): PaymentProvider {
  if (method === 'card') return stripeEnabled() ? 'stripe' : 'demo';
  return checkoutProviders[method];
}

function latestPayment(order: Order): Payment {
  const [payment] = listOrderPayments(order.id);
  if (!payment) throw new CheckoutError('NOT_FOUND', `Order ${order.number} has no payment.`);
  return payment;
}

/**
 * The order an attempt key already placed, if any. Runs first inside the transaction, so a
 * double click, a retry or a second tab with the same key gets the same order and moves nothing.
 */
function replayOf(userId: number, checkoutKey: string): { order: Order; payment: Payment } | undefined {
  const order = findOrderByCheckoutKey(checkoutKey);
  if (!order) return undefined;
  if (order.userId !== userId) throw new CheckoutError('KEY_CONFLICT', 'Reload the checkout page and try again.');
  return { order, payment: latestPayment(order) };
}

/**
 * Creates the order, its lines and its payment record from the shopper's cart as priced now,
 * and empties the cart. Call inside a write transaction.
 */
function openOrder(userId: number, attempt: CheckoutAttempt): { order: Order; payment: Payment } {
  const settings = getSettings();
  if (!settings.enabledPaymentMethods.includes(attempt.method)) {
    throw new CheckoutError('METHOD_DISABLED', 'This way of paying is not available. Please choose another.');
  }
  const cart = getCart(userId);
  if (cart.lines.length === 0) throw new CheckoutError('EMPTY_CART', 'Your cart is empty. Add something before checking out.');
  if (attempt.cartVersion !== undefined && attempt.cartVersion !== cart.version) {
    throw new CheckoutError(
      'CART_CHANGED',
      'Your cart or its prices changed since this page was shown. Please check the order summary and pay again.',
    );
  }
  const order = insertOrder(userId, cart, attempt.method, attempt.checkoutKey);
  const { payment } = createPaymentRecord({
    userId,
    purpose: 'order',
    provider: providerFor(attempt.method),
    amount: order.amountTotal,
    currency: order.currency,
    orderId: order.id,
    idempotencyKey: `order:${order.id}:${attempt.method}`,
    returnPath: orderPath(order.number),
  });
  clearCart(userId);
  return { order, payment };
}

/**
 * Pays the shopper's cart from their wallet in ONE write transaction: prices the cart from the
 * catalog, creates the order S…, its lines and a wallet payment, debits the wallet to the sales
 * account through the ledger (which refuses an overdraft), marks the order paid, empties the cart
 * and, with Automatic Invoice on, issues the paid invoice. All or nothing: when the wallet is short
 * (also when another order took the money a moment earlier) CheckoutError INSUFFICIENT_FUNDS is
 * thrown and nothing exists of the attempt.
 */
export function payOrderFromWallet(userId: number, attempt: Omit<CheckoutAttempt, 'method'>): PlacedOrder {
  return writeTransaction(() => {
    const replay = replayOf(userId, attempt.checkoutKey);
    if (replay) return { ...replay, replayed: true, next: orderPath(replay.order.number) };

    const { order, payment } = openOrder(userId, { ...attempt, method: 'wallet' });
    let transferId: number;
    try {
      transferId = postTransfer({
        debit: { wallet: userId, currency: order.currency },
        credit: { system: 'sales', currency: order.currency },
        amount: order.amountTotal,
        currency: order.currency,
        kind: 'payment',
        idempotencyKey: `payment:${payment.id}:order`,
        description: `Payment for order ${order.number}`,
        orderId: order.id,
        paymentId: payment.id,
        createdBy: userId,
      }).transfer.id;
    } catch (error) {
      if (error instanceof InsufficientFundsError) throw new CheckoutError('INSUFFICIENT_FUNDS', INSUFFICIENT_FUNDS_MESSAGE);
      throw error;
    }
    movePayment(payment.id, 'pending', 'done', { transferId });
    const paid = settleOrder(order, payment.id);
    const done = db.select().from(payments).where(eq(payments.id, payment.id)).get() ?? payment;
    return { order: paid, payment: done, replayed: false, next: orderPath(paid.number) };
  });
}

/** Where a card payment continues: Stripe Checkout (opened now) or the Demo form; the order page once finished. */
async function cardPaymentDestination(order: Order, payment: Payment, email: string): Promise<string> {
  if (payment.state !== 'pending') return orderPath(order.number);
  if (payment.provider === 'stripe') return createCheckoutSession(payment, email);
  return paymentPagePath(payment);
}

/**
 * Places an order with the chosen way of paying. Wallet: paid at once (payOrderFromWallet).
 * Card: the order is confirmed and the shopper is sent to the card page (Stripe or Demo); it is
 * marked paid when that payment completes. Wire Transfer and Cash on Delivery: the order is
 * confirmed with its payment pending until staff mark it paid. One attempt key, one order.
 */
export async function placeOrder(user: { id: number; email: string }, attempt: CheckoutAttempt): Promise<PlacedOrder> {
  if (attempt.method === 'wallet') return payOrderFromWallet(user.id, attempt);
  const placed = writeTransaction(() => {
    const replay = replayOf(user.id, attempt.checkoutKey);
    if (replay) return { ...replay, replayed: true };
    return { ...openOrder(user.id, attempt), replayed: false };
  });
  const next =
    placed.order.paymentMethod === 'card'
      ? await cardPaymentDestination(placed.order, placed.payment, user.email)
      : orderPath(placed.order.number);
  return { ...placed, next };
}

/**
 * Continues or restarts the card payment of the shopper's own order that is still waiting for it
 * (e.g. after they cancelled the card page): an open card payment is reused, otherwise one new
 * payment per attempt key. Returns where the shopper goes next.
 */
export async function payOrderByCard(user: { id: number; email: string }, orderNumber: string, attemptKey: string): Promise<string> {
  const { order, payment } = writeTransaction(() => {
    const order = findOwnOrder(user.id, orderNumber);
    if (!order) throw new CheckoutError('NOT_FOUND', 'This order does not exist.');
    if (order.state !== 'confirmed' || order.paymentMethod !== 'card') {
      throw new CheckoutError('INVALID_STATE', `Order ${order.number} is not waiting for a card payment.`);
    }
    const open = db
      .select()
      .from(payments)
      .where(and(eq(payments.orderId, order.id), inArray(payments.provider, ['stripe', 'demo']), inArray(payments.state, ['pending', 'authorized'])))
      .orderBy(desc(payments.id))
      .get();
    if (open) return { order, payment: open };
    const { payment } = createPaymentRecord({
      userId: user.id,
      purpose: 'order',
      provider: providerFor('card'),
      amount: order.amountTotal,
      currency: order.currency,
      orderId: order.id,
      idempotencyKey: `order:${order.id}:card:${attemptKey}`,
      returnPath: orderPath(order.number),
    });
    return { order, payment };
  });
  return cardPaymentDestination(order, payment, user.email);
}
