import 'server-only';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Query } from '@/db/database';
import {
  orderLines,
  orders,
  payments,
  products,
  type Address,
  type Order,
  type OrderLine,
  type Payment,
  type PaymentMethod,
  type ShippingMethod,
} from '@/db/schema';
import { listAddresses } from '@/lib/delivery/addresses';
import { defaultCountry } from '@/lib/delivery/countries';
import { totalsByRate, type RateTotal } from '@/lib/orders/tax';
import { getBalance, getWalletSpendable } from '@/lib/ledger';
import { cardProvider } from '@/lib/payments/providers';
import { getSettings } from '@/lib/settings';
import { getCart, type PricedCart } from '@/lib/shop/cart';
import { orderStatusCode, paymentChoiceOf, type OrderStatusCode } from './labels';
import { findOwnOrder, listOrderPayments } from './orders';
import { checkoutVersion, loadPricingTerms, orderTotals, priceOrder, type OrderTotals } from './pricing';

/** What one shipping choice makes the order cost, priced on the server (the page only picks one of these). */
export type ShippingQuote = {
  /** The shipping method; null when the shop offers none (picked up, no shipping line). */
  methodId: number | null;
  /** The goods as the shop writes prices (tax included or not). */
  subtotal: number;
  /** Shipping as the shop writes prices; 0 when free or picked up. */
  shipping: number;
  /** True when the method has a price but this cart ships free. */
  free: boolean;
  tax: number;
  total: number;
  /** How much the wallet lacks to pay this total (0 when it covers it). */
  walletShortfall: number;
  /** Wallet and Card for this total: offered when the wallet is short but not empty and both ways are enabled. */
  split: { walletPart: number; cardPart: number } | null;
};

/** A cart line a tracked product cannot fill now (told at checkout; Pay Now refuses it). */
export type StockIssue = { productId: number; name: string; quantity: number; left: number };

export type CheckoutView = {
  cart: PricedCart;
  /** The fingerprint of the cart, tax and shipping terms priced here: sent back as cartVersion. */
  version: string;
  pricesIncludeTax: boolean;
  /** The active shipping methods, in the order checkout lists them. */
  shippingMethods: ShippingMethod[];
  /** One per shipping method (or one with methodId null when there is none). */
  quotes: ShippingQuote[];
  /** The shopper's saved addresses, the most recently used first. */
  addresses: Address[];
  /** The country a new address starts with: the shop's. */
  defaultCountry: string;
  stockIssues: StockIssue[];
  walletAvailable: number;
  methods: PaymentMethod[];
  /** Cards go through Stripe Checkout, or the Demo provider when no Stripe keys are set. */
  cardProvider: 'stripe' | 'demo';
};

/**
 * What the checkout page shows: the cart priced now with tax and each shipping method, the
 * shopper's saved addresses, what ran out, the wallet's available funds and the ways to pay.
 */
export async function getCheckoutView(q: Query, userId: number): Promise<CheckoutView> {
  const settings = await getSettings(q);
  const cart = await getCart(q, userId);
  const [terms, addressBook, walletAvailable, stock] = await Promise.all([
    loadPricingTerms(q, cart),
    listAddresses(q, userId),
    getWalletSpendable(q, { wallet: userId, currency: cart.currency }),
    cart.lines.length === 0
      ? Promise.resolve([])
      : q.select({ id: products.id, stock: products.stock }).from(products).where(inArray(products.id, cart.lines.map((line) => line.productId))),
  ]);
  const methods = settings.enabledPaymentMethods;
  const splitPossible = methods.includes('wallet') && methods.includes('card') && walletAvailable > 0;
  const choices: (ShippingMethod | null)[] = terms.shippingMethods.length > 0 ? terms.shippingMethods : [null];
  const quotes = choices.map((method): ShippingQuote => {
    const pricing = priceOrder(cart.lines, method, terms);
    const walletShortfall = Math.max(pricing.total - walletAvailable, 0);
    return {
      methodId: method?.id ?? null,
      subtotal: pricing.subtotal,
      shipping: pricing.shipping,
      free: pricing.freeShipping,
      tax: pricing.tax,
      total: pricing.total,
      walletShortfall,
      split: splitPossible && walletShortfall > 0 ? { walletPart: walletAvailable, cardPart: walletShortfall } : null,
    };
  });
  const onHand = new Map(stock.map((row) => [row.id, row.stock]));
  const stockIssues = cart.lines.flatMap((line): StockIssue[] => {
    const left = onHand.get(line.productId);
    return left !== undefined && left !== null && left < line.quantity ? [{ productId: line.productId, name: line.name, quantity: line.quantity, left }] : [];
  });
  return {
    cart,
    version: checkoutVersion(cart, terms),
    pricesIncludeTax: terms.pricesIncludeTax,
    shippingMethods: terms.shippingMethods,
    quotes,
    addresses: addressBook,
    defaultCountry: defaultCountry(cart.currency),
    stockIssues,
    walletAvailable,
    methods,
    cardProvider: cardProvider(),
  };
}

export type OrderListRow = {
  number: string;
  createdAt: Date;
  itemCount: number;
  amountTotal: number;
  currency: string;
  paymentMethod: PaymentMethod;
  /** How it is paid, as a code: words statuses.paymentMethod.<paymentChoice> ('wallet_and_card' for both). */
  paymentChoice: PaymentChoice;
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
            // Items are products: the shipping line is not one.
            .where(and(inArray(orderLines.orderId, ids), eq(orderLines.kind, 'product')))
            .groupBy(orderLines.orderId)
        ).map((row) => [row.orderId, row.items]),
  );
  const splitOrderIds = await ordersWithWalletPart(q, ids);
  const rows = records.map((record) => ({
    number: record.number,
    createdAt: record.createdAt,
    itemCount: itemCounts.get(record.id) ?? 0,
    amountTotal: record.amountTotal,
    currency: record.currency,
    paymentMethod: record.paymentMethod,
    paymentChoice: paymentChoiceOf(record, splitOrderIds.has(record.id)),
    statusCode: orderStatusCode(record),
  }));
  return { rows, page, pageSize, totalRows, totalPages };
}

export type OrderDetails = {
  order: Order;
  /** words: statuses.order.<statusCode> */
  statusCode: OrderStatusCode;
  /** Every line: the products, then the shipping line (kind 'shipping') when there is one. */
  lines: OrderLine[];
  /** Subtotal, shipping and tax for OrderSummary's `totals` (pass it the product lines then: shipping is in the totals). */
  totals: OrderTotals;
  /** Net, tax and gross per tax rate. */
  taxByRate: RateTotal[];
  /** Newest first. */
  payments: Payment[];
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
    statusCode: orderStatusCode(order),
    lines,
    totals: orderTotals(order, lines),
    taxByRate: totalsByRate(lines),
    payments: orderPayments,
    paymentChoice: paymentChoiceOf(order, Boolean(walletPart)),
    splitInProgress: hold ? { held: hold.amount, remaining: order.amountTotal - hold.amount } : null,
    walletAvailable:
      order.paymentMethod === 'wallet' || walletPart ? (await getBalance(q, { wallet: userId, currency: order.currency })).available : null,
    bank:
      order.paymentMethod === 'wire_transfer' && order.state === 'confirmed'
        ? { holder: settings.bankAccountHolder, iban: settings.bankIban, bank: settings.bankName }
        : null,
  };
}

/** Which of `orderIds` have a wallet part held or taken (card orders among them are "Wallet and Card"). */
export async function ordersWithWalletPart(q: Query, orderIds: number[]): Promise<Set<number | null>> {
  if (orderIds.length === 0) return new Set();
  const rows = await q
    .select({ orderId: payments.orderId })
    .from(payments)
    .where(and(inArray(payments.orderId, orderIds), eq(payments.provider, 'wallet'), inArray(payments.state, ['authorized', 'done'])));
  return new Set(rows.map((row) => row.orderId));
}
