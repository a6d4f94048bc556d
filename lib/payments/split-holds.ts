import { and, asc, eq, lte } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { payments } from '@/db/schema';
import { getSettings } from '@/lib/settings';
import { findPayment, movePayment } from './records';
import { listOpenCardPayments, releaseWalletHold, splitTargetOf } from './split';

const HOLD_EXPIRED = { code: 'holdExpired' } as const;

/** At most this many holds per run, so one run stays short; the next run takes the rest. */
const BATCH = 200;

/**
 * Releases the wallet holds of split payments whose card part did not complete within
 * getSettings().holdMinutes: a Demo card part is closed (so it can no longer complete) and the hold
 * voided, in one transaction per hold, exactly once (the hold's move out of 'authorized' is a
 * guarded UPDATE: a hold another server captured or released meanwhile is skipped). Run by the
 * 'expire-split-holds' job (lib/jobs), never by a page view. Returns how many holds it released.
 */
export async function sweepExpiredHolds(db: Database, now: Date = new Date()): Promise<number> {
  const { holdMinutes } = await getSettings(db.read);
  const cutoff = new Date(now.getTime() - holdMinutes * 60_000);
  const expired = await db.read
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.provider, 'wallet'), eq(payments.state, 'authorized'), lte(payments.createdAt, cutoff)))
    .orderBy(asc(payments.id))
    .limit(BATCH);
  let released = 0;
  for (const { id } of expired) {
    const done = await db.write(async (tx) => {
      const hold = await findPayment(tx, id);
      if (!hold || hold.state !== 'authorized') return false;
      const target = splitTargetOf(hold);
      if (target) {
        // A Demo card page is ours: it is closed. A Stripe Checkout page stays payable at Stripe
        // until it expires there, so its payment stays open: should it still be paid, the money
        // reaches the shopper's wallet (deliverOrderPayment / settleInvoiceCardPayment), never lost.
        for (const card of (await listOpenCardPayments(tx, target)).filter((payment) => payment.provider === 'demo')) {
          await movePayment(tx, card.id, card.state, 'canceled', { failure: HOLD_EXPIRED });
        }
      }
      return releaseWalletHold(tx, hold.id, HOLD_EXPIRED);
    });
    if (done) released += 1;
  }
  return released;
}
