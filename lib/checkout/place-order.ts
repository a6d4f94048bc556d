import { and, desc, eq, inArray } from 'drizzle-orm';
import { notifyOrderPlaced } from '@/lib/notifications/events';
import type { Database, Query, Tx } from '@/db/database';
import { payments, type Order, type Payment, type PaymentMethod, type PaymentProvider } from '@/db/schema';
import { InsufficientFundsError } from '@/lib/ledger';
import { cardProvider } from '@/lib/payments/providers';
import { createPaymentRecord } from '@/lib/payments/records';
import { findWalletHold } from '@/lib/payments/split';
import { OutOfStockError, reserveStock } from '@/lib/orders/stock';
import { isPaymentMethodEnabled, type ShopPaymentMethod } from '@/lib/settings';
import { priceCart, takeCartEntries } from '@/lib/shop/cart';
import { rememberDeliveryAddress, resolveDelivery, type DeliveryChoice } from './delivery';
import { CheckoutError } from './errors';
import { checkAttemptKey, orderPaymentKey } from './keys';
import { orderPath } from './labels';
import { findOrderByCheckoutKey, findOwnOrder, insertOrder, listOrderPayments, settleFromWallet } from './orders';
import { checkoutVersion, loadPricingTerms, priceOrder } from './pricing';
import { cardPaymentDestination, openWalletAndCard } from './wallet-and-card';

export { BALANCE_CHANGED_MESSAGE } from './wallet-and-card';

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
  /** The shipping method and address chosen; without it the order is picked up in store (./delivery). */
  delivery?: DeliveryChoice;
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
  if (method === 'card') return cardProvider();
  return checkoutProviders[method];
}

/**
 * Thrown inside the transaction when another checkout with the same key placed its order first:
 * rolls back. The use cases answer with that order (checkoutOnce); to a step's caller it is KEY_CONFLICT.
 */
class CheckoutKeyTaken extends CheckoutError {
  constructor() {
    super('KEY_CONFLICT', 'Reload the checkout page and try again.');
  }
}

async function latestPayment(q: Query, order: Order): Promise<Payment> {
  const [payment] = await listOrderPayments(q, order.id);
  if (!payment) throw new CheckoutError('NOT_FOUND', `Order ${order.number} has no payment.`, { subject: 'payment' });
  return payment;
}

/** The order an attempt key already placed, if any; someone else's order with that key is KEY_CONFLICT. */
async function replayOf(q: Query, userId: number, checkoutKey: string): Promise<{ order: Order; payment: Payment } | undefined> {
  const order = await findOrderByCheckoutKey(q, checkoutKey);
  if (!order) return undefined;
  if (order.userId !== userId) throw new CheckoutError('KEY_CONFLICT', 'Reload the checkout page and try again.');
  return { order, payment: await latestPayment(q, order) };
}

/**
 * One checkout attempt as a step of the caller's write transaction, once per checkout key: the
 * key is looked up first (a double click, a retry or a second tab gets the same order and moves
 * nothing); otherwise `work` places the order.
 */
async function onceInTransaction(
  tx: Tx,
  userId: number,
  checkoutKey: string,
  work: (tx: Tx) => Promise<{ order: Order; payment: Payment }>,
): Promise<{ order: Order; payment: Payment; replayed: boolean }> {
  checkAttemptKey(checkoutKey);
  const replay = await replayOf(tx, userId, checkoutKey);
  if (replay) return { ...replay, replayed: true };
  return { ...(await work(tx)), replayed: false };
}

/**
 * Runs one checkout attempt (`step`: onceInTransaction) in one write transaction. A concurrent
 * checkout with the same key (another tab, another app server) is caught by the UNIQUE checkout
 * key: this attempt rolls back (giving back its order number, its cart and its wallet debit) and
 * answers with the order that won. An attempt refused for any other reason also answers with that
 * order when the key placed one meanwhile.
 */
async function checkoutOnce(
  db: Database,
  userId: number,
  checkoutKey: string,
  step: (tx: Tx) => Promise<{ order: Order; payment: Payment; replayed: boolean }>,
): Promise<{ order: Order; payment: Payment; replayed: boolean }> {
  checkAttemptKey(checkoutKey);
  try {
    return await db.write(step);
  } catch (error) {
    if (!(error instanceof CheckoutError)) throw error;
    const replay = await replayOf(db.read, userId, checkoutKey);
    if (replay) return { ...replay, replayed: true };
    throw error;
  }
}

/**
 * Creates the confirmed order and its lines from the shopper's cart as priced now, taking the
 * cart's lines (DELETE … RETURNING: two checkouts never take the same line), with its tax,
 * shipping line and delivery address, and reserves its stock (refused below zero by the UPDATE:
 * OUT_OF_STOCK rolls the whole attempt back, the cart included). `methods` must all be enabled.
 * A step of the checkout transaction.
 */
async function createOrderFromCart(
  tx: Tx,
  userId: number,
  attempt: CheckoutAttempt,
  methods: [ShopPaymentMethod, ...ShopPaymentMethod[]],
  orderMethod: PaymentMethod,
): Promise<Order> {
  if (!(await isPaymentMethodEnabled(tx, ...methods))) {
    throw new CheckoutError('METHOD_DISABLED', 'This way of paying is not available. Please choose another.');
  }
  const cart = await priceCart(tx, await takeCartEntries(tx, userId));
  if (cart.lines.length === 0) throw new CheckoutError('EMPTY_CART', 'Your cart is empty. Add something before checking out.');
  const terms = await loadPricingTerms(tx, cart);
  if (attempt.cartVersion !== undefined && attempt.cartVersion !== checkoutVersion(cart, terms)) {
    throw new CheckoutError(
      'CART_CHANGED',
      'Your cart or its prices changed since this page was shown. Please check the order summary and pay again.',
    );
  }
  const delivery = await resolveDelivery(tx, userId, attempt.delivery, terms.shippingMethods);
  const pricing = priceOrder(cart.lines, delivery.method, terms);
  let stockReserved: number[];
  try {
    stockReserved = await reserveStock(tx, cart.lines);
  } catch (error) {
    if (error instanceof OutOfStockError) throw new CheckoutError('OUT_OF_STOCK', error.message, error.params);
    throw error;
  }
  const order = await insertOrder(tx, { userId, pricing, method: orderMethod, checkoutKey: attempt.checkoutKey, delivery, stockReserved });
  if (!order) throw new CheckoutKeyTaken();
  await rememberDeliveryAddress(tx, userId, delivery);
  // A wallet order is paid at once: its "paid" e-mail says it all.
  if (attempt.method !== 'wallet') await notifyOrderPlaced(tx, order, attempt.method);
  return order;
}

/** Creates the order, its lines and its payment record from the shopper's cart. A step of the checkout transaction. */
async function openOrder(tx: Tx, userId: number, attempt: CheckoutAttempt & { method: PaymentMethod }): Promise<{ order: Order; payment: Payment }> {
  const order = await createOrderFromCart(tx, userId, attempt, [attempt.method], attempt.method);
  const { payment } = await createPaymentRecord(tx, {
    userId,
    purpose: 'order',
    provider: providerFor(attempt.method),
    amount: order.amountTotal,
    currency: order.currency,
    orderId: order.id,
    idempotencyKey: orderPaymentKey(order.id, { method: attempt.method }),
    returnPath: orderPath(order.number),
  });
  return { order, payment };
}

/**
 * Wallet and Card at checkout, in the checkout transaction: places the order (confirmed, paid by
 * card as far as the order's method goes) and opens Wallet and Card for it (./wallet-and-card:
 * the same use case as for invoices). Returns the card part as the order's payment.
 */
async function openWalletAndCardOrder(tx: Tx, userId: number, attempt: CheckoutAttempt): Promise<{ order: Order; payment: Payment }> {
  const order = await createOrderFromCart(tx, userId, attempt, ['wallet', 'card'], 'card');
  const { cardPart } = await openWalletAndCard(tx, userId, { order }, attempt.walletPart);
  return { order, payment: cardPart };
}

/** The wallet payment of the cart: order, payment, ledger debit, paid order. A step of the checkout transaction. */
async function openWalletOrder(tx: Tx, userId: number, attempt: Omit<CheckoutAttempt, 'method'>): Promise<{ order: Order; payment: Payment }> {
  const { order, payment } = await openOrder(tx, userId, { ...attempt, method: 'wallet' });
  try {
    return await settleFromWallet(tx, order, payment);
  } catch (error) {
    if (error instanceof InsufficientFundsError) throw new CheckoutError('INSUFFICIENT_FUNDS', INSUFFICIENT_FUNDS_MESSAGE, { reason: 'order' });
    throw error;
  }
}

/**
 * Pays the shopper's cart from their wallet as a step of the caller's write transaction: prices
 * the cart from the catalog, creates the order S…, its lines and a wallet payment, debits the
 * wallet to the sales account through the ledger (which refuses an overdraft), marks the order
 * paid, empties the cart and, with Automatic Invoice on, issues the paid invoice. An order its
 * checkout key already placed is returned (replayed) instead. When the wallet is short CheckoutError
 * INSUFFICIENT_FUNDS is thrown: the caller's transaction must roll back.
 */
export async function payOrderFromWalletIn(tx: Tx, userId: number, attempt: Omit<CheckoutAttempt, 'method'>): Promise<PlacedOrder> {
  const placed = await onceInTransaction(tx, userId, attempt.checkoutKey, (tx) => openWalletOrder(tx, userId, attempt));
  return { ...placed, next: orderPath(placed.order.number) };
}

/**
 * Pays the shopper's cart from their wallet in ONE write transaction (payOrderFromWalletIn). All or
 * nothing: when the wallet is short (also when another order took the money a moment earlier)
 * CheckoutError INSUFFICIENT_FUNDS is thrown and nothing exists of the attempt.
 */
export async function payOrderFromWallet(db: Database, userId: number, attempt: Omit<CheckoutAttempt, 'method'>): Promise<PlacedOrder> {
  const placed = await checkoutOnce(db, userId, attempt.checkoutKey, (tx) => payOrderFromWalletIn(tx, userId, attempt));
  return { ...placed, next: orderPath(placed.order.number) };
}

/**
 * Places an order with the chosen way of paying. Wallet: paid at once (payOrderFromWallet).
 * Card: the order is confirmed and the shopper is sent to the card page (Stripe or Demo); it is
 * marked paid when that payment completes. Wallet and Card: as Card for the remainder, with the
 * wallet's balance held for the order meanwhile. Wire Transfer and Cash on Delivery: the order is
 * confirmed with its payment pending until staff mark it paid. One attempt key, one order.
 */
export async function placeOrder(db: Database, user: { id: number; email: string }, attempt: CheckoutAttempt): Promise<PlacedOrder> {
  const { method } = attempt;
  if (method === 'wallet') return payOrderFromWallet(db, user.id, attempt);
  const placed = await checkoutOnce(db, user.id, attempt.checkoutKey, (tx) =>
    onceInTransaction(tx, user.id, attempt.checkoutKey, (tx) =>
      method === 'wallet_and_card' ? openWalletAndCardOrder(tx, user.id, attempt) : openOrder(tx, user.id, { ...attempt, method }),
    ),
  );
  const next = orderPath(placed.order.number);
  if (placed.order.paymentMethod !== 'card') return { ...placed, next };
  const destination = await cardPaymentDestination(db, placed.payment, user.email, {
    whenFinished: next,
    releaseHoldOnFailure: method === 'wallet_and_card',
  });
  return { ...placed, next: destination };
}

/**
 * Continues or restarts the card payment of the shopper's own order that is still waiting for it
 * (e.g. after they cancelled the card page): an open card payment is reused, otherwise one new
 * payment per attempt key. Returns where the shopper goes next.
 */
export async function payOrderByCard(db: Database, user: { id: number; email: string }, orderNumber: string, attemptKey: string): Promise<string> {
  checkAttemptKey(attemptKey);
  const { order, payment } = await db.write(async (tx) => {
    if (!(await isPaymentMethodEnabled(tx, 'card'))) {
      throw new CheckoutError('METHOD_DISABLED', 'The shop does not take card payments at the moment.', { method: 'card' });
    }
    const order = await findOwnOrder(tx, user.id, orderNumber);
    if (!order) throw new CheckoutError('NOT_FOUND', 'This order does not exist.', { subject: 'order' });
    if (order.state !== 'confirmed' || order.paymentMethod !== 'card') {
      throw new CheckoutError('INVALID_STATE', `Order ${order.number} is not waiting for a card payment.`, { reason: 'orderNotAwaitingCard', number: order.number });
    }
    // What the card still has to pay: the total, or the rest beside a Wallet and Card hold. An open
    // card part of a split whose hold was released (expired) pays something else and is not reused.
    const due = order.amountTotal - ((await findWalletHold(tx, { orderId: order.id }))?.amount ?? 0);
    const [open] = await tx
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
      .limit(1);
    if (open) return { order, payment: open };
    const { payment } = await createPaymentRecord(tx, {
      userId: user.id,
      purpose: 'order',
      provider: providerFor('card'),
      amount: due,
      currency: order.currency,
      orderId: order.id,
      idempotencyKey: orderPaymentKey(order.id, { cardAgain: attemptKey }),
      returnPath: orderPath(order.number),
    });
    return { order, payment };
  });
  return cardPaymentDestination(db, payment, user.email, { whenFinished: orderPath(order.number) });
}
