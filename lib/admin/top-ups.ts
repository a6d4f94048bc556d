import type { Database, Query } from '@/db/database';
import { PaymentError } from '@/lib/payments/errors';
import { confirmTopUp, listPendingWireTopUps, rejectTopUp, type PendingWireTopUp, type WireDecision } from '@/lib/wallet/wire-top-ups';
import { searchTerm } from './search';

/** Pending wire top-ups whose reference, customer name or email contains `q` (all when empty). */
export async function listPendingTopUps(q: Query, search?: string | null): Promise<PendingWireTopUp[]> {
  const term = searchTerm(search)?.toLowerCase();
  const all = await listPendingWireTopUps(q);
  if (!term) return all;
  return all.filter((topUp) =>
    [topUp.reference, topUp.customerName, topUp.customerEmail].some((text) => text.toLowerCase().includes(term)),
  );
}

export type TopUpDecision = { paymentId: number; reference: string | null; status: WireDecision['status'] | 'not_found' };

async function decide(paymentId: number, run: () => Promise<WireDecision>): Promise<TopUpDecision> {
  try {
    const decision = await run();
    return { paymentId, reference: decision.payment.reference, status: decision.status };
  } catch (error) {
    if (error instanceof PaymentError && error.code === 'NOT_FOUND') return { paymentId, reference: null, status: 'not_found' };
    throw error;
  }
}

/**
 * Confirms each wire top-up (each in its own transaction, so one that was decided meanwhile does
 * not hold up the others); a top-up already confirmed or rejected is reported, not changed.
 */
export async function confirmTopUps(db: Database, paymentIds: readonly number[], staffId: number): Promise<TopUpDecision[]> {
  const decisions: TopUpDecision[] = [];
  for (const paymentId of paymentIds) decisions.push(await decide(paymentId, () => confirmTopUp(db, paymentId, staffId)));
  return decisions;
}

/** Rejects one wire top-up with a reason; one already decided is reported, not changed. */
export async function rejectPendingTopUp(db: Database, paymentId: number, staffId: number, reason: string): Promise<TopUpDecision> {
  return decide(paymentId, () => rejectTopUp(db, paymentId, staffId, reason.trim()));
}
