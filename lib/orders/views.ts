import 'server-only';
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { orderEvents, orderStates, orders, payments, users, type Order, type OrderState, type PaymentMethod } from '@/db/schema';
import { containsAny, pageCount, paging, searchTerm } from '@/lib/admin/search';
import { paymentChoiceOf, stateStatusCode, type OrderStatusCode, type PaymentChoice } from '@/lib/checkout/labels';
import { ordersWithWalletPart } from '@/lib/checkout/queries';
import { getWalletSpendable } from '@/lib/ledger';
import { getSettings } from '@/lib/settings';
import { cancelRefusal } from './cancel-order';
import { isPaid, nextStates } from './status';

/** Page-shaped reads of the order lifecycle: the history both sides see, the shopper's choices, the staff list. */

export type OrderHistoryEntry = {
  id: number;
  from: OrderState | null;
  to: OrderState;
  at: Date;
  trackingNumber: string | null;
  /** Who moved it: staff, the shopper, or the shop itself (null: a payment arriving, a job). */
  by: 'staff' | 'customer' | 'shop';
  /** Staff only: the staff member's name. */
  actorName: string | null;
};

/** An order's status changes, oldest first. */
export async function orderHistory(q: Query, order: Pick<Order, 'id' | 'userId'>): Promise<OrderHistoryEntry[]> {
  const rows = await q
    .select({
      id: orderEvents.id,
      from: orderEvents.fromState,
      to: orderEvents.toState,
      at: orderEvents.createdAt,
      trackingNumber: orderEvents.trackingNumber,
      actorId: orderEvents.actorId,
      actorName: users.name,
      actorRole: users.role,
    })
    .from(orderEvents)
    .leftJoin(users, eq(users.id, orderEvents.actorId))
    .where(eq(orderEvents.orderId, order.id))
    .orderBy(asc(orderEvents.id));
  return rows.map(({ actorId, actorRole, actorName, ...row }) => {
    const by = actorId === null ? 'shop' : actorId === order.userId || actorRole !== 'staff' ? 'customer' : 'staff';
    return { ...row, by, actorName: by === 'staff' ? actorName : null };
  });
}

export type ShopperOrderChoices = {
  /** The shopper may cancel it now. */
  canCancel: boolean;
  /** The other ways the shop takes that the shopper may switch to (the order waits for its payment). */
  switchTo: PaymentMethod[];
  /** The wallet's available funds, with what this order holds in it (freed by a switch). */
  walletForOrder: number;
};

/** What the shopper may do with their own order now: cancel it, pay it another way. */
export async function shopperOrderChoices(q: Query, order: Order): Promise<ShopperOrderChoices> {
  const canCancel = cancelRefusal(order, 'shopper') === undefined;
  if (order.state !== 'confirmed') return { canCancel, switchTo: [], walletForOrder: 0 };
  const [{ enabledPaymentMethods }, spendable, holds] = await Promise.all([
    getSettings(q),
    getWalletSpendable(q, { wallet: order.userId, currency: order.currency }),
    q
      .select({ amount: payments.amount })
      .from(payments)
      .where(and(eq(payments.orderId, order.id), eq(payments.provider, 'wallet'), eq(payments.state, 'authorized'))),
  ]);
  const walletForOrder = spendable + holds.reduce((sum, hold) => sum + hold.amount, 0);
  const switchTo = enabledPaymentMethods.filter(
    (method) => method !== order.paymentMethod && (method !== 'wallet' || walletForOrder >= order.amountTotal),
  );
  return { canCancel, switchTo, walletForOrder };
}

/** The tracking numbers of a shopper's shipped orders, by order number (for My Orders). */
export async function trackingNumbersOf(q: Query, userId: number, orderNumbers: readonly string[]): Promise<Map<string, string>> {
  if (orderNumbers.length === 0) return new Map();
  const rows = await q
    .select({ number: orders.number, trackingNumber: orders.trackingNumber })
    .from(orders)
    .where(and(eq(orders.userId, userId), inArray(orders.number, [...orderNumbers])));
  return new Map(rows.flatMap((row) => (row.trackingNumber ? [[row.number, row.trackingNumber] as const] : [])));
}

/** The status filter of the staff list: one per state, by the code of its words (statuses.order.<code>). */
export const orderStatusFilters: readonly OrderStatusCode[] = orderStates.map(stateStatusCode);

/** A ?status= value as the state it filters on, or undefined for none (or an unknown one). */
export function orderStatusFilter(value: string | undefined): OrderState | undefined {
  return orderStates.find((state) => stateStatusCode(state) === value);
}

export type StaffOrderRow = {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  customerEmail: string;
  amountTotal: number;
  amountRefunded: number;
  currency: string;
  state: OrderState;
  paymentMethod: PaymentMethod;
  /** How it is paid, as a code (words statuses.paymentMethod.<code>; 'wallet_and_card' for both). */
  paymentChoice: PaymentChoice;
  paidAt: Date | null;
  trackingNumber: string | null;
  createdAt: Date;
  /** Staff may mark it shipped now (the bulk action's checkbox). */
  canShip: boolean;
};

/**
 * Orders for staff, newest first: search by order number, customer name or email; filter by
 * status or customer (the customer page's list).
 */
export async function listStaffOrders(
  q: Query,
  options: { page?: number; pageSize?: number; q?: string | null; state?: OrderState; customerId?: number } = {},
) {
  const { page, pageSize } = paging(options);
  const conditions: (SQL | undefined)[] = [
    containsAny([orders.number, users.name, users.email], searchTerm(options.q)),
    options.state ? eq(orders.state, options.state) : undefined,
    options.customerId === undefined ? undefined : eq(orders.userId, options.customerId),
  ];
  const filter = and(...conditions);
  const [counted] = await q.select({ n: count() }).from(orders).innerJoin(users, eq(users.id, orders.userId)).where(filter);
  const totalRows = Number(counted?.n ?? 0);
  const records = await q
    .select({
      id: orders.id,
      number: orders.number,
      customerId: users.id,
      customerName: users.name,
      customerEmail: users.email,
      amountTotal: orders.amountTotal,
      amountRefunded: orders.amountRefunded,
      currency: orders.currency,
      state: orders.state,
      paymentMethod: orders.paymentMethod,
      paidAt: orders.paidAt,
      trackingNumber: orders.trackingNumber,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .where(filter)
    .orderBy(desc(orders.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const withWalletPart = await ordersWithWalletPart(q, records.map((record) => record.id));
  const rows: StaffOrderRow[] = records.map((record) => ({
    ...record,
    paymentChoice: paymentChoiceOf(record, withWalletPart.has(record.id)),
    canShip: nextStates(record).includes('shipped'),
  }));
  return { rows, page, pageSize, totalRows, totalPages: pageCount(totalRows, pageSize) };
}

export type StaffOrderLifecycle = {
  history: OrderHistoryEntry[];
  /** Where staff may move it next. */
  next: readonly OrderState[];
  /** Staff may cancel it (not shipped, not cancelled). */
  canCancel: boolean;
  /** What a cancel would refund now (what was paid minus what was refunded; 0 when it cannot be cancelled). */
  cancelRefund: number;
};

/** The lifecycle part of the staff order page. */
export async function staffOrderLifecycle(q: Query, order: Order): Promise<StaffOrderLifecycle> {
  const canCancel = cancelRefusal(order, 'staff') === undefined;
  return {
    history: await orderHistory(q, order),
    next: nextStates(order),
    canCancel,
    cancelRefund: canCancel && isPaid(order) ? order.amountTotal - order.amountRefunded : 0,
  };
}
