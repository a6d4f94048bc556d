import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import { db } from '@/db/client';
import { ledgerTransfers, payments } from '@/db/schema';
import { refundCardTransfer } from './card-refunds';
import { syncCheckoutSession } from './stripe';

/** Work younger than this may still have its own request waiting on the provider. */
export const RECONCILE_GRACE_MS = 2 * 60_000;
/** At most this many items per kind and run, so one run stays short; the next run takes the rest. */
const BATCH = 100;

export type ReconcileReport = { refundsSettled: number; refundsWaiting: number; sessionsChecked: number; sessionsFailed: number };

/** Card refunds held while asking the provider, whose answer was lost (timeout, 5xx, crash). */
function waitingCardRefunds(cutoff: Date) {
  return db
    .select()
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.kind, 'refund_deposit_to_card'), eq(ledgerTransfers.state, 'pending'), lte(ledgerTransfers.createdAt, cutoff)))
    .orderBy(asc(ledgerTransfers.id))
    .limit(BATCH)
    .all();
}

/** Stripe Checkout payments still open: paid ones complete (a split's wallet hold is captured), expired ones close. */
function openCheckoutSessions(cutoff: Date): string[] {
  return db
    .select({ sessionId: payments.providerReference })
    .from(payments)
    .where(and(eq(payments.provider, 'stripe'), eq(payments.state, 'pending'), isNotNull(payments.providerReference), lte(payments.createdAt, cutoff)))
    .orderBy(asc(payments.id))
    .limit(BATCH)
    .all()
    .flatMap(({ sessionId }) => (sessionId ? [sessionId] : []));
}

/**
 * Settles provider work left pending: asks Stripe again about each waiting card refund (its
 * refunds are searched first, then the same idempotency key is re-sent) and re-reads open
 * Checkout Sessions. Safe when several run at once: settling re-reads the transfer in the write
 * transaction and skips one already posted or voided, and payments complete exactly once.
 */
export async function reconcileProviderWork(now: Date = new Date()): Promise<ReconcileReport> {
  const cutoff = new Date(now.getTime() - RECONCILE_GRACE_MS);
  const report: ReconcileReport = { refundsSettled: 0, refundsWaiting: 0, sessionsChecked: 0, sessionsFailed: 0 };
  for (const transfer of waitingCardRefunds(cutoff)) {
    const { transfer: after } = await refundCardTransfer(transfer, { lookFirst: true });
    if (after.state === 'pending') report.refundsWaiting += 1;
    else report.refundsSettled += 1;
  }
  for (const sessionId of openCheckoutSessions(cutoff)) {
    try {
      await syncCheckoutSession(sessionId);
      report.sessionsChecked += 1;
    } catch {
      // Stripe unreachable or the session disagrees with the payment: left for the next run.
      report.sessionsFailed += 1;
    }
  }
  return report;
}
