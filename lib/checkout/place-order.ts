import { and, desc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { payments, type Order, type Payment, type PaymentMethod, type PaymentProvider } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { getBalance, InsufficientFundsError, postTransfer } from '@/lib/ledger';
import { closePayment } from '@/lib/payments/complete';
import { PaymentError } from '@/lib/payments/errors';
import { paymentPagePath } from '@/lib/payments/paths';
import { createPaymentRecord, movePayment } from '@/lib/payments/records';
import { findWalletHold, holdWalletPart } from '@/lib/payments/split';
import { createCheckoutSession } from '@/lib/payments/stripe';
import { stripeEnabled } from '@/lib/payments/stripe-client';
import { isPaymentMethodEnabled, type ShopPaymentMethod } from '@/lib/settings';
import { clearCart, getCart } from '@/lib/shop/cart';
import { CheckoutError } from './errors';
import { orderPath } from './labels';
import { findOrderByCheckoutKey, findOwnOrder, insertOrder, listOrderPayments, settleOrder } from './orders';

/** A way of paying offered at checkout: one method, or the wallet balance plus a card for the rest. */
export type CheckoutChoice = PaymentMethod | 'wallet_and_card';

export type CheckoutAttempt = {
  method: CheckoutChoice;
  /** One per rendering of the checkout page: a retry or double click with it places one order. */
  checkoutKey: string;
  /** The cart fingerprint the shopper saw; when given, a changed cart is refused instead of charged. */
  cartVersion?: string;
  /** Wallet and Card: the wallet part the shopper saw; when given, a changed balance is refused. */
  walletPart?: number;
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
export const BALANCE_CHANGED_MESSAGE = 'Your wallet balance changed since this page was shown. Please check the amounts and pay again.';

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
 * Creates the confirmed order and its lines from the shopper's cart as priced now, and empties
 * the cart. `methods` must all be enabled. Call inside a write transaction.
 */
function createOrderFromCart(
  userId: number,
  attempt: CheckoutAttempt,
  methods: [ShopPaymentMethod, ...ShopPaymentMethod[]],
  orderMethod: PaymentMethod,
): Order {
  if (!isPaymentMethodEnabled(...methods)) {
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
  const order = insertOrder(userId, cart, orderMethod, attempt.checkoutKey);
  clearCart(userId);
  return order;
}

/**
 * Creates the order, its lines and its payment record from the shopper's cart as priced now,
 * and empties the cart. Call inside a write transaction.
 */
function openOrder(userId: number, attempt: CheckoutAttempt & { method: PaymentMethod }): { order: Order; payment: Payment } {
  const order = createOrderFromCart(userId, attempt, [attempt.method], attempt.method);
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
  return { order, payment };
}

/**
 * Wallet and Card, in ONE write transaction: places the order (confirmed, paid by card as far as
 * the order's method goes), holds the wallet's available balance for it (a pending ledger debit
 * wallet → sales, recorded as an authorized wallet payment) and records the card payment for the
 * remainder. The hold is captured when the card part completes, released when it does not.
 */
function openSplitOrder(userId: number, attempt: CheckoutAttempt): { order: Order; payment: Payment } {
  const order = createOrderFromCart(userId, attempt, ['wallet', 'card'], 'card');
  const available = getBalance({ wallet: userId, currency: order.currency }).available;
  const walletPart = Math.min(available, order.amountTotal);
  if (attempt.walletPart !== undefined && attempt.walletPart !== walletPart) {
    throw new CheckoutError('BALANCE_CHANGED', BALANCE_CHANGED_MESSAGE);
  }
  if (walletPart <= 0) throw new CheckoutError('INSUFFICIENT_FUNDS', 'Your wallet is empty. Please choose another way to pay.');
  if (walletPart >= order.amountTotal) {
    throw new CheckoutError('INVALID_STATE', 'Your wallet covers this order: choose Wallet to pay it in full.');
  }
  try {
    holdWalletPart({
      userId,
      amount: walletPart,
      currency: order.currency,
      target: { orderId: order.id },
      label: `order ${order.number}`,
      idempotencyKey: `order:${order.id}:wallet_part`,
    });
  } catch (error) {
    // The balance read above is only for the amount; the ledger's debit statement is the guard.
    if (error instanceof InsufficientFundsError) throw new CheckoutError('BALANCE_CHANGED', BALANCE_CHANGED_MESSAGE);
    throw error;
  }
  const { payment } = createPaymentRecord({
    userId,
    purpose: 'order',
    provider: providerFor('card'),
    amount: order.amountTotal - walletPart,
    currency: order.currency,
    orderId: order.id,
    idempotencyKey: `order:${order.id}:card_part`,
    returnPath: orderPath(order.number),
  });
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
 * marked paid when that payment completes. Wallet and Card: as Card for the remainder, with the
 * wallet's balance held for the order meanwhile (openSplitOrder). Wire Transfer and Cash on Delivery: the order is
 * confirmed with its payment pending until staff mark it paid. One attempt key, one order.
 */
export async function placeOrder(user: { id: number; email: string }, attempt: CheckoutAttempt): Promise<PlacedOrder> {
  const { method } = attempt;
  if (method === 'wallet') return payOrderFromWallet(user.id, attempt);
  const placed = writeTransaction(() => {
    const replay = replayOf(user.id, attempt.checkoutKey);
    if (replay) return { ...replay, replayed: true };
    const opened = method === 'wallet_and_card' ? openSplitOrder(user.id, attempt) : openOrder(user.id, { ...attempt, method });
    return { ...opened, replayed: false };
  });
  if (placed.order.paymentMethod !== 'card') return { ...placed, next: orderPath(placed.order.number) };
  try {
    return { ...placed, next: await cardPaymentDestination(placed.order, placed.payment, user.email) };
  } catch (error) {
    // Stripe could not open its page: close the card part so a split's wallet hold is released now.
    if (error instanceof PaymentError && method === 'wallet_and_card') {
      closePayment(placed.payment.id, 'error', 'Card payments were unavailable.');
    }
    throw error;
  }
}

/**
 * Continues or restarts the card payment of the shopper's own order that is still waiting for it
 * (e.g. after they cancelled the card page): an open card payment is reused, otherwise one new
 * payment per attempt key. Returns where the shopper goes next.
 */
export async function payOrderByCard(user: { id: number; email: string }, orderNumber: string, attemptKey: string): Promise<string> {
  if (!isPaymentMethodEnabled('card')) throw new CheckoutError('METHOD_DISABLED', 'The shop does not take card payments at the moment.');
  const { order, payment } = writeTransaction(() => {
    const order = findOwnOrder(user.id, orderNumber);
    if (!order) throw new CheckoutError('NOT_FOUND', 'This order does not exist.');
    if (order.state !== 'confirmed' || order.paymentMethod !== 'card') {
      throw new CheckoutError('INVALID_STATE', `Order ${order.number} is not waiting for a card payment.`);
    }
    // What the card still has to pay: the total, or the rest beside a Wallet and Card hold. An open
    // card part of a split whose hold was released (expired) pays something else and is not reused.
    const due = order.amountTotal - (findWalletHold({ orderId: order.id })?.amount ?? 0);
    const open = db
      .select()
      .from(payments)
      .where(
        and(
          eq(payments.orderId, order.id),
          inArray(payments.provider, ['stripe', 'demo']),
          inArray(payments.state, ['pending', 'authorized']),
          eq(payments.amount, due),
        ),
      )
      .orderBy(desc(payments.id))
      .get();
    if (open) return { order, payment: open };
    const { payment } = createPaymentRecord({
      userId: user.id,
      purpose: 'order',
      provider: providerFor('card'),
      amount: due,
      currency: order.currency,
      orderId: order.id,
      idempotencyKey: `order:${order.id}:card:${attemptKey}`,
      returnPath: orderPath(order.number),
    });
    return { order, payment };
  });
  return cardPaymentDestination(order, payment, user.email);
}
