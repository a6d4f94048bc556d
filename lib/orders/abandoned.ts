import { and, asc, eq, gt, inArray, lte, notExists, or } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { orders, payments } from '@/db/schema';
import { getSettings } from '@/lib/settings';
import { cancelOrder, creditRefusedCancelRefunds } from './cancel-order';
import { OrderError } from './errors';

/** At most this many orders per run, so one run stays short; the next run takes the rest. */
const BATCH = 100;

export type AbandonedOrdersReport = { canceled: number; skipped: number; refusedCardRefundsCredited: number };

/**
 * Cancels card orders whose payment was abandoned: still waiting ('confirmed', paid by card or
 * Wallet and Card) with no payment attempt begun, nor an open one tried (a declined card noted),
 * for settings.abandonedOrderMinutes: a shopper who pressed "Pay by card" again a minute ago
 * keeps the order. Each goes through
 * cancelOrder as the shop: an open Stripe page is expired at Stripe first and an order whose page
 * Stripe does not confirm closed is skipped until a later run (PAYMENT_OPEN); one paid meanwhile
 * is refused (NOT_CANCELLABLE) and skipped. Safe on several servers at once: the cancel's guarded
 * UPDATE lets one of them cancel each order, the others find it cancelled. Then card refunds of
 * earlier cancels that the provider refused late are credited to the wallet. Run by the
 * 'cancel-abandoned-orders' job (lib/jobs), never by a page view.
 */
export async function cancelAbandonedOrders(db: Database, now: Date = new Date()): Promise<AbandonedOrdersReport> {
  const { abandonedOrderMinutes } = await getSettings(db.read);
  const cutoff = new Date(now.getTime() - abandonedOrderMinutes * 60_000);
  const recentAttempt = db.read
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(
        eq(payments.orderId, orders.id),
        or(gt(payments.createdAt, cutoff), and(inArray(payments.state, ['pending', 'authorized']), gt(payments.updatedAt, cutoff))),
      ),
    );
  const abandoned = await db.read
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.state, 'confirmed'), eq(orders.paymentMethod, 'card'), lte(orders.createdAt, cutoff), notExists(recentAttempt)))
    .orderBy(asc(orders.id))
    .limit(BATCH);
  const report: AbandonedOrdersReport = { canceled: 0, skipped: 0, refusedCardRefundsCredited: 0 };
  for (const { id } of abandoned) {
    try {
      const result = await cancelOrder(db, id, { kind: 'shop' });
      if (result.status === 'canceled') report.canceled += 1;
    } catch (error) {
      if (!(error instanceof OrderError)) throw error;
      report.skipped += 1;
    }
  }
  report.refusedCardRefundsCredited = await creditRefusedCancelRefunds(db);
  return report;
}
