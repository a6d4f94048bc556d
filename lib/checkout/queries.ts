import 'server-only';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { orderLines, orders, payments, type Order, type OrderLine, type Payment, type PaymentMethod } from '@/db/schema';
import { getBalance } from '@/lib/ledger';
import { cardProvider } from '@/lib/payments/providers';
import { getSettings } from '@/lib/settings';
import { getCart, type PricedCart } from '@/lib/shop/cart';
import { orderStatus, orderStatusCode, paymentMethodLabels, type OrderStatus, type OrderStatusCode } from './labels';
import { findOwnOrder, listOrderPayments } from './orders';

export type CheckoutView = {
  cart: PricedCart;
  walletAvailable: number;
  /** How much the wallet lacks to pay the order (0 when it covers it). */
  walletShortfall: number;
  methods: PaymentMethod[];
  /** Cards go through Stripe Checkout, or the Demo provider when no Stripe keys are set. */
  cardProvider: 'stripe' | 'demo';
  /** Wallet and Card: offered when the wallet is short but not empty and both ways are enabled. */
  split: { walletPart: number; cardPart: number } | null;
};

/** What the checkout page shows: the cart priced now, the wallet's available funds and the ways to pay. */
export async function getCheckoutView(q: Query, userId: number): Promise<CheckoutView> {
  const settings = await getSettings(q);
  const cart = await getCart(q, userId);
  const walletAvailable = (await getBalance(q, { wallet: userId, currency: cart.currency })).available;
  const walletShortfall = Math.max(cart.total - walletAvailable, 0);
  const methods = settings.enabledPaymentMethods;
  const splitOffered = methods.includes('wallet') && methods.includes('card') && walletAvailable > 0 && walletShortfall > 0;
  return {
    cart,
    walletAvailable,
    walletShortfall,
    methods,
    cardProvider: cardProvider(),
    split: splitOffered ? { walletPart: walletAvailable, cardPart: walletShortfall } : null,
  };
}

export type OrderListRow = {
  number: string;
  createdAt: Date;
  itemCount: number;
  amountTotal: number;
  currency: string;
  paymentMethod: PaymentMethod;
  /** "Wallet and Card" for an order paid (or being paid) by both, else the order's own method. */
  paymentMethodLabel: string;
  /** How it is paid, as a code: words statuses.paymentMethod.<paymentChoice> ('wallet_and_card' for both). */
  paymentChoice: PaymentChoice;
  status: OrderStatus;
  /** words: statuses.order.<statusCode> */
  statusCode: OrderStatusCode;
};

/** An order's way of paying as shoppers see it: its method, or Wallet and Card for a card order with a wallet part. */
export type PaymentChoice = PaymentMethod | 'wallet_and_card';

export type OrderListPage = { rows: OrderListRow[]; page: number; pageSize: number; totalRows: number; totalPages: number };

/** One page of a shopper's orders, newest first (10 per page by default). */
export async function listOwnOrders(q: Query, userId: number, page = 1, pageSize = 10): Promise<OrderListPage> {
  const [counted] = await q.select({ n: count() }).from(orders).where(eq(orders.userId, userId));
  const totalRows = Number(counted?.n ?? 0);
  const totalPages = Math.max(1, Math.ceil(totalRows / pageSize));
  const records = await q
    .select()
    .from(orders)
    .where(eq(orders.userId, userId))
    .orderBy(desc(orders.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const ids = records.map((record) => record.id);
  const itemCounts = new Map(
    ids.length === 0
      ? []
      : (
          await q
            .select({ orderId: orderLines.orderId, items: sql<number>`coalesce(sum(${orderLines.quantity}), 0)`.mapWith(Number) })
            .from(orderLines)
            .where(inArray(orderLines.orderId, ids))
            .groupBy(orderLines.orderId)
        ).map((row) => [row.orderId, row.items]),
  );
  const splitOrderIds = new Set(
    ids.length === 0
      ? []
      : (
          await q
            .select({ orderId: payments.orderId })
            .from(payments)
            .where(and(inArray(payments.orderId, ids), eq(payments.provider, 'wallet'), inArray(payments.state, ['authorized', 'done'])))
        ).map((row) => row.orderId),
  );
  const rows = records.map((record) => ({
    number: record.number,
    createdAt: record.createdAt,
    itemCount: itemCounts.get(record.id) ?? 0,
    amountTotal: record.amountTotal,
    currency: record.currency,
    paymentMethod: record.paymentMethod,
    paymentMethodLabel:
      record.paymentMethod === 'card' && splitOrderIds.has(record.id) ? 'Wallet and Card' : paymentMethodLabels[record.paymentMethod],
    paymentChoice: record.paymentMethod === 'card' && splitOrderIds.has(record.id) ? ('wallet_and_card' as const) : record.paymentMethod,
    status: orderStatus(record),
    statusCode: orderStatusCode(record),
  }));
  return { rows, page, pageSize, totalRows, totalPages };
}

export type OrderDetails = {
  order: Order;
  status: OrderStatus;
  /** words: statuses.order.<statusCode> */
  statusCode: OrderStatusCode;
  lines: OrderLine[];
  /** Newest first. */
  payments: Payment[];
  /** "Wallet and Card" for an order paid (or being paid) by both, else the order's own method. */
  paymentMethodLabel: string;
  /** words: statuses.paymentMethod.<paymentChoice> */
  paymentChoice: PaymentChoice;
  /** A Wallet and Card payment in progress: what is held from the wallet and what the card still has to pay. */
  splitInProgress: { held: number; remaining: number } | null;
  /** The wallet's available funds now, for an order paid from the wallet. */
  walletAvailable: number | null;
  /** Where to send a wire transfer, for a wire order still waiting for its money. */
  bank: { holder: string; iban: string; bank: string } | null;
};

/** A shopper's own order with its lines and payments; undefined for someone else's or none. */
export async function getOwnOrderDetails(q: Query, userId: number, orderNumber: string): Promise<OrderDetails | undefined> {
  const order = await findOwnOrder(q, userId, orderNumber);
  if (!order) return undefined;
  const lines = await q.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.id));
  const settings = await getSettings(q);
  const orderPayments = await listOrderPayments(q, order.id);
  const hold = orderPayments.find((payment) => payment.provider === 'wallet' && payment.state === 'authorized');
  const walletPart =
    order.paymentMethod === 'card' &&
    orderPayments.some((payment) => payment.provider === 'wallet' && (payment.state === 'authorized' || payment.state === 'done'));
  return {
    order,
    status: orderStatus(order),
    statusCode: orderStatusCode(order),
    lines,
    payments: orderPayments,
    paymentMethodLabel: walletPart ? 'Wallet and Card' : paymentMethodLabels[order.paymentMethod],
    paymentChoice: walletPart ? 'wallet_and_card' : order.paymentMethod,
    splitInProgress: hold ? { held: hold.amount, remaining: order.amountTotal - hold.amount } : null,
    walletAvailable:
      order.paymentMethod === 'wallet' || walletPart ? (await getBalance(q, { wallet: userId, currency: order.currency })).available : null,
    bank:
      order.paymentMethod === 'wire_transfer' && order.state === 'confirmed'
        ? { holder: settings.bankAccountHolder, iban: settings.bankIban, bank: settings.bankName }
        : null,
  };
}
