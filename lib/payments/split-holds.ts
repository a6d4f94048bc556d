import { and, eq, lte } from 'drizzle-orm';
import { db } from '@/db/client';
import { payments } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { getSettings } from '@/lib/settings';
import { findPayment, movePayment } from './records';
import { listOpenCardPayments, releaseWalletHold, splitTargetOf } from './split';

export const HOLD_EXPIRED_MESSAGE = 'The time to pay by card ran out.';

/**
 * Releases the wallet holds of split payments whose card part did not complete within
 * getSettings().holdMinutes: a Demo card part is closed (so it can no longer complete) and the hold
 * voided, in one transaction per hold, exactly once (a hold already captured or released is
 * skipped). Cheap (an indexed look-up of authorized wallet payments), so pages call it on the way;
 * a production deployment would also run it from a scheduler every minute. Returns how many
 * holds it released.
 */
export function sweepExpiredHolds(now: Date = new Date()): number {
  const cutoff = new Date(now.getTime() - getSettings().holdMinutes * 60_000);
  const expired = db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.provider, 'wallet'), eq(payments.state, 'authorized'), lte(payments.createdAt, cutoff)))
    .all();
  let released = 0;
  for (const { id } of expired) {
    const done = writeTransaction(() => {
      const hold = findPayment(id);
      if (!hold || hold.state !== 'authorized') return false;
      const target = splitTargetOf(hold);
      if (target) {
        // A Demo card page is ours: it is closed. A Stripe Checkout page stays payable at Stripe
        // until it expires there, so its payment stays open: should it still be paid, the money
        // reaches the shopper's wallet (deliverOrderPayment / settleInvoiceCardPayment), never lost.
        for (const card of listOpenCardPayments(target).filter((payment) => payment.provider === 'demo')) {
          movePayment(card.id, card.state, 'canceled', { failureMessage: HOLD_EXPIRED_MESSAGE });
        }
      }
      return releaseWalletHold(hold.id, HOLD_EXPIRED_MESSAGE);
    });
    if (done) released += 1;
  }
  return released;
}
