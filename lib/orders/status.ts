import { and, eq } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { orders, users, type Order, type OrderState } from '@/db/schema';
import { findAuditByAttempt, recordAudit } from '@/lib/admin/audit';
import { notifyOrderDelivered, notifyOrderShipped } from '@/lib/notifications/events';
import { OrderError } from './errors';
import { recordOrderEvent } from './events';
import { checkOrderAttemptKey, orderMoveAttemptKey } from './keys';

/**
 * An order's life: confirmed (placed, awaiting payment: "Pending") → paid → processing → shipped →
 * delivered, or canceled before it ships (lib/orders/cancel-order.ts). Staff move orders forward
 * along these edges; the shop itself moves confirmed → paid when the money arrives
 * (lib/checkout settleOrder) and anything to canceled through cancelOrder.
 */
export const forwardMoves: Readonly<Record<OrderState, readonly OrderState[]>> = {
  confirmed: [],
  paid: ['processing', 'shipped'],
  processing: ['shipped'],
  shipped: ['delivered'],
  delivered: [],
  canceled: [],
};

/** Cash on Delivery is paid at the door: it is prepared and shipped while its payment waits. */
const unpaidCashOnDeliveryMoves: Readonly<Partial<Record<OrderState, readonly OrderState[]>>> = {
  confirmed: ['processing', 'shipped'],
};

/** The states in which the order's money has arrived and stays with the shop (refunds take from it). */
export const paidStates: readonly OrderState[] = ['paid', 'processing', 'shipped', 'delivered'];

type Movable = Pick<Order, 'state' | 'paymentMethod' | 'paidAt'>;

/** True when the order's money arrived and it was not cancelled (an unpaid Cash on Delivery order may ship first). */
export function isPaid(order: Pick<Order, 'state' | 'paidAt'>): boolean {
  return order.paidAt !== null && paidStates.includes(order.state);
}

/** Where staff may move the order next, in the order of its life. */
export function nextStates(order: Movable): readonly OrderState[] {
  if (order.paymentMethod === 'cash_on_delivery' && order.paidAt === null) {
    return unpaidCashOnDeliveryMoves[order.state] ?? forwardMoves[order.state];
  }
  return forwardMoves[order.state];
}

export function canMoveOrder(order: Movable, to: OrderState): boolean {
  return nextStates(order).includes(to);
}

/** A tracking number as typed: trimmed; empty means none. */
export function normalTrackingNumber(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Staff only: the role is read from the database, not taken from the caller. */
export async function assertStaff(q: Query, staffId: number): Promise<void> {
  const [staff] = await q.select({ role: users.role }).from(users).where(eq(users.id, staffId));
  if (staff?.role !== 'staff') throw new OrderError('FORBIDDEN');
}

export async function findOrderById(q: Query, orderId: number): Promise<Order | undefined> {
  // PostgreSQL refuses a non-integer or out-of-range id as a parameter: such an id is no order.
  if (!Number.isSafeInteger(orderId) || orderId < 1 || orderId > 2_147_483_647) return undefined;
  const [order] = await q.select().from(orders).where(eq(orders.id, orderId));
  return order;
}

export type MoveOrderInput = {
  orderId: number;
  to: OrderState;
  staffId: number;
  /** Shipped: the carrier's tracking number, when there is one. */
  trackingNumber?: string | null;
  /** The form's hidden uuid: the same attempt moves the order once. */
  attemptKey: string;
};

export type MoveOrderOutcome =
  /** This attempt moved the order. */
  | { status: 'moved'; order: Order; from: OrderState }
  /** Nothing to do: this attempt already moved it, or someone else moved it there first. */
  | { status: 'already'; order: Order };

/** Thrown inside the transaction when the order changed between its read and its guarded UPDATE. */
class OrderRaced extends Error {
  constructor() {
    super('The order changed while it was being moved.');
    this.name = 'OrderRaced';
  }
}

/**
 * Moves an order one step forward as a step of the caller's transaction: a guarded UPDATE (`WHERE
 * state = <the state read>`) sets the state and, for shipped and delivered, shippedAt/deliveredAt
 * and the tracking number, then the order event and the staff audit row (with the attempt key, so
 * the same attempt is recorded, and done, once) are written. An attempt already recorded, or an
 * order already in `to`, is answered 'already' and changes nothing.
 */
export async function moveOrderIn(tx: Tx, input: MoveOrderInput): Promise<MoveOrderOutcome> {
  const attemptKey = checkOrderAttemptKey(input.attemptKey);
  await assertStaff(tx, input.staffId);
  const order = await findOrderById(tx, input.orderId);
  if (!order) throw new OrderError('NOT_FOUND', { subject: 'order' });
  if (await findAuditByAttempt(tx, 'order.move', attemptKey)) return { status: 'already', order };
  if (order.state === input.to) return { status: 'already', order };
  if (!canMoveOrder(order, input.to)) throw new OrderError('NOT_MOVABLE', { number: order.number, from: order.state, to: input.to });
  const now = new Date();
  const trackingNumber = input.to === 'shipped' ? normalTrackingNumber(input.trackingNumber) : null;
  const [moved] = await tx
    .update(orders)
    .set({
      state: input.to,
      ...(input.to === 'shipped' ? { shippedAt: now, trackingNumber } : {}),
      ...(input.to === 'delivered' ? { deliveredAt: now } : {}),
    })
    .where(and(eq(orders.id, order.id), eq(orders.state, order.state)))
    .returning();
  if (!moved) throw new OrderRaced();
  await recordOrderEvent(tx, { orderId: order.id, from: order.state, to: input.to, actorId: input.staffId, trackingNumber });
  if (input.to === 'shipped') await notifyOrderShipped(tx, moved);
  if (input.to === 'delivered') await notifyOrderDelivered(tx, moved);
  await recordAudit(tx, {
    actorId: input.staffId,
    action: 'order.move',
    subjectUserId: order.userId,
    details: { order: order.number, from: order.state, to: input.to, ...(trackingNumber ? { trackingNumber } : {}) },
    attemptKey,
  });
  return { status: 'moved', order: moved, from: order.state };
}

/**
 * Staff move an order forward ("Start processing", "Mark as shipped", "Mark as delivered") in a
 * transaction of its own. A double click or two staff at once move it once: the loser finds it
 * moved ('already') or, when its read was overtaken (PostgreSQL), looks again in a new transaction.
 */
export async function moveOrder(db: Database, input: MoveOrderInput): Promise<MoveOrderOutcome> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await db.write((tx) => moveOrderIn(tx, input));
    } catch (error) {
      if (!(error instanceof OrderRaced) || attempt >= 2) throw error;
    }
  }
}

export type BulkMoveResult =
  | { orderId: number; outcome: MoveOrderOutcome }
  /** `number`: the order's number when it exists. */
  | { orderId: number; number: string | null; refused: OrderError };

/**
 * The list's bulk action (e.g. "Mark as shipped" on the selected rows): each order is moved in a
 * transaction of its own and audited on its own, so one order that cannot move does not hold back
 * the others. The attempt key of each move is derived from the bulk attempt and the order, so a
 * double submit moves each order once.
 */
export async function moveOrders(
  db: Database,
  input: { orderIds: readonly number[]; to: OrderState; staffId: number; attemptKey: string },
): Promise<BulkMoveResult[]> {
  checkOrderAttemptKey(input.attemptKey);
  const results: BulkMoveResult[] = [];
  for (const orderId of [...new Set(input.orderIds)]) {
    try {
      const outcome = await moveOrder(db, { orderId, to: input.to, staffId: input.staffId, attemptKey: orderMoveAttemptKey(input.attemptKey, orderId) });
      results.push({ orderId, outcome });
    } catch (error) {
      if (!(error instanceof OrderError) || error.code === 'FORBIDDEN') throw error;
      results.push({ orderId, number: typeof error.params.number === 'string' ? error.params.number : null, refused: error });
    }
  }
  return results;
}
