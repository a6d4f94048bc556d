import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { ledgerTransfers, payments } from '@/db/schema';
import { refundCardTransfer } from './card-refunds';
import { syncCheckoutSession } from './stripe';

/** Refunds younger than this may still have their own request waiting on the provider. */
export const RECONCILE_GRACE_MS = 2 * 60_000;
/**
 * Checkout Sessions are re-read sooner: applying a session is idempotent and asking Stripe about
 * one changes nothing there, so a shopper whose webhook is late sees "paid" within a job tick.
 */
export const SESSION_GRACE_MS = 30_000;
/** At most this many items per kind and run, so one run stays short; the next run takes the rest. */
const BATCH = 100;

export type ReconcileReport = { refundsSettled: number; refundsWaiting: number; sessionsChecked: number; sessionsFailed: number };

/**
 * Settles provider work left pending: asks Stripe again about each waiting card refund (its
 * refunds are searched first, then the same idempotency key is re-sent) and re-reads open
 * Checkout Sessions. Provider calls happen between transactions; each answer is recorded in one.
 * Safe when several servers run it at once (lib/jobs also gives it a lease): a refund's pending
 * transfer is posted or voided exactly once by the ledger (a second resolve is "someone else did
 * it", see settleCardRefund), Stripe's idempotency key makes a re-sent refund the same refund, and
 * a payment completes exactly once (a guarded state move).
 */
export async function reconcileProviderWork(db: Database, now: Date = new Date()): Promise<ReconcileReport> {
  const refundCutoff = new Date(now.getTime() - RECONCILE_GRACE_MS);
  const sessionCutoff = new Date(now.getTime() - SESSION_GRACE_MS);
  const report: ReconcileReport = { refundsSettled: 0, refundsWaiting: 0, sessionsChecked: 0, sessionsFailed: 0 };
  const waitingRefunds = await db.read
    .select()
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.kind, 'refund_deposit_to_card'), eq(ledgerTransfers.state, 'pending'), lte(ledgerTransfers.createdAt, refundCutoff)))
    .orderBy(asc(ledgerTransfers.id))
    .limit(BATCH);
  for (const transfer of waitingRefunds) {
    try {
      const { transfer: after } = await refundCardTransfer(db, transfer, { lookFirst: true });
      if (after.state === 'pending') report.refundsWaiting += 1;
      else report.refundsSettled += 1;
    } catch {
      // The database refused (e.g. a failover): left pending for the next run.
      report.refundsWaiting += 1;
    }
  }
  const openSessions = await db.read
    .select({ sessionId: payments.providerReference })
    .from(payments)
    .where(and(eq(payments.provider, 'stripe'), eq(payments.state, 'pending'), isNotNull(payments.providerReference), lte(payments.createdAt, sessionCutoff)))
    .orderBy(asc(payments.id))
    .limit(BATCH);
  for (const { sessionId } of openSessions) {
    if (!sessionId) continue;
    try {
      await syncCheckoutSession(db, sessionId);
      report.sessionsChecked += 1;
    } catch {
      // Stripe unreachable or the session disagrees with the payment: left for the next run.
      report.sessionsFailed += 1;
    }
  }
  return report;
}
