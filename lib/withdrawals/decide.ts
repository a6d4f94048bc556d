import { and, eq, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '@/db/database';
import { withdrawals, type LedgerTransfer, type Withdrawal } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { postPendingTransfer, voidPendingTransfer } from '@/lib/ledger';
import { isRowId, withdrawalReference } from './references';

type Decided = Exclude<Withdrawal['state'], 'pending'>;

/** What deciding a withdrawal did: moved it (paid, rejected, cancelled), found it decided already, or found none. */
export type WithdrawalDecision =
  | { status: Decided; withdrawal: Withdrawal }
  | { status: `already_${Decided}`; withdrawal: Withdrawal }
  | { status: 'not_found' };

const REASON_MAX = 200;

/**
 * Moves a pending withdrawal to `to` exactly once, then posts (paid) or voids (rejected,
 * cancelled) its hold. The row is claimed first with a guarded UPDATE … WHERE state = 'pending':
 * of two staff (or a member and staff) deciding at once, the second waits for the first and then
 * matches nothing, and is told what the first decided; only the winner touches the ledger.
 * `ownerId` limits it to one member's withdrawals (anyone else's reads as not found).
 */
async function decide(
  tx: Tx,
  input: { withdrawalId: number; to: Decided; actorId: number; ownerId?: number; reason?: string },
  after?: (tx: Tx, withdrawal: Withdrawal, hold: LedgerTransfer) => Promise<void>,
): Promise<WithdrawalDecision> {
  if (!isRowId(input.withdrawalId)) return { status: 'not_found' };
  const owned: SQL[] = input.ownerId === undefined ? [] : [eq(withdrawals.userId, input.ownerId)];
  const [claimed] = await tx
    .update(withdrawals)
    .set({ state: input.to, decidedBy: input.actorId, decidedAt: new Date(), rejectReason: input.to === 'rejected' ? (input.reason ?? null) : null })
    .where(and(eq(withdrawals.id, input.withdrawalId), eq(withdrawals.state, 'pending'), ...owned))
    .returning();
  if (!claimed) {
    const [current] = await tx
      .select()
      .from(withdrawals)
      .where(and(eq(withdrawals.id, input.withdrawalId), ...owned));
    if (!current) return { status: 'not_found' };
    if (current.state === 'pending') throw new Error(`Withdrawal ${current.id} is pending but could not be claimed.`);
    return { status: `already_${current.state}`, withdrawal: current };
  }
  if (claimed.transferId === null) throw new Error(`Withdrawal ${claimed.id} has no hold.`);
  const hold =
    input.to === 'paid'
      ? await postPendingTransfer(tx, { transferId: claimed.transferId, resolvedBy: input.actorId })
      : await voidPendingTransfer(tx, { transferId: claimed.transferId, resolvedBy: input.actorId, reason: input.reason ?? input.to });
  await after?.(tx, claimed, hold);
  return { status: input.to, withdrawal: claimed };
}

async function audit(tx: Tx, withdrawal: Withdrawal, hold: LedgerTransfer, staffId: number, action: 'withdrawal.pay_out' | 'withdrawal.reject', reason?: string) {
  await recordAudit(tx, {
    actorId: staffId,
    action,
    subjectUserId: withdrawal.userId,
    amount: withdrawal.amount,
    currency: withdrawal.currency,
    reason: reason ?? null,
    details: { withdrawal: withdrawalReference(withdrawal.id), transfer: hold.reference },
  });
}

/** Staff paid the money out to the bank account: the hold is posted (wallet → bank_clearing), audited. A step of the caller's transaction. */
export function payOutWithdrawalIn(tx: Tx, input: { withdrawalId: number; staffId: number }): Promise<WithdrawalDecision> {
  return decide(tx, { withdrawalId: input.withdrawalId, to: 'paid', actorId: input.staffId }, (tx, withdrawal, hold) => audit(tx, withdrawal, hold, input.staffId, 'withdrawal.pay_out'));
}

/** Staff will not pay it out: the hold is voided (the money is available again), with the reason the member reads, audited. */
export function rejectWithdrawalIn(tx: Tx, input: { withdrawalId: number; staffId: number; reason: string }): Promise<WithdrawalDecision> {
  const reason = input.reason.trim().slice(0, REASON_MAX);
  return decide(tx, { withdrawalId: input.withdrawalId, to: 'rejected', actorId: input.staffId, reason }, (tx, withdrawal, hold) => audit(tx, withdrawal, hold, input.staffId, 'withdrawal.reject', reason));
}

/**
 * The member (ownerId: only their own) or the merchant through the API (no ownerId) takes back a
 * withdrawal staff have not decided yet: the hold is voided once.
 */
export function cancelWithdrawalIn(tx: Tx, input: { withdrawalId: number; actorId: number; ownerId?: number }): Promise<WithdrawalDecision> {
  return decide(tx, { withdrawalId: input.withdrawalId, to: 'cancelled', actorId: input.actorId, ownerId: input.ownerId });
}

export function payOutWithdrawal(db: Database, input: { withdrawalId: number; staffId: number }): Promise<WithdrawalDecision> {
  return db.write((tx) => payOutWithdrawalIn(tx, input));
}

export function rejectWithdrawal(db: Database, input: { withdrawalId: number; staffId: number; reason: string }): Promise<WithdrawalDecision> {
  return db.write((tx) => rejectWithdrawalIn(tx, input));
}

export function cancelWithdrawal(db: Database, input: { withdrawalId: number; actorId: number; ownerId?: number }): Promise<WithdrawalDecision> {
  return db.write((tx) => cancelWithdrawalIn(tx, input));
}
