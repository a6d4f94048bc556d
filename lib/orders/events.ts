import { asc, eq } from 'drizzle-orm';
import type { Query, Tx } from '@/db/database';
import { orderEvents, type OrderEvent, type OrderState } from '@/db/schema';

/**
 * Records one change of an order's status (append-only): what My Orders shows the shopper and
 * staff read as the order's history. A step of the transaction that changed the status.
 */
export async function recordOrderEvent(
  tx: Tx,
  event: { orderId: number; from: OrderState | null; to: OrderState; actorId: number | null; trackingNumber?: string | null },
): Promise<void> {
  await tx.insert(orderEvents).values({
    orderId: event.orderId,
    fromState: event.from,
    toState: event.to,
    actorId: event.actorId,
    trackingNumber: event.trackingNumber ?? null,
    createdAt: new Date(),
  });
}

/** An order's status changes, oldest first. */
export async function listOrderEvents(q: Query, orderId: number): Promise<OrderEvent[]> {
  return q.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
}
