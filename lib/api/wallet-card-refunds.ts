import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { ledgerAccounts, ledgerTransfers, type LedgerTransfer } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { createPendingTransfer, getBalance, getTransfer } from '@/lib/ledger';
import { refundCardTransfer } from '@/lib/payments/card-refunds';

/** A card top-up of a wallet (ledger kind deposit_card, posted) and whose wallet it went to. */
export type CardDeposit = { transfer: LedgerTransfer; walletUserId: number };

/** The posted card deposit with this transfer id (the platform's wallet transaction id), if any. */
export function findCardDeposit(transferId: number): CardDeposit | undefined {
  const transfer = getTransfer(transferId);
  if (!transfer || transfer.kind !== 'deposit_card' || transfer.state !== 'posted') return undefined;
  const account = db.select({ ownerId: ledgerAccounts.ownerId }).from(ledgerAccounts).where(eq(ledgerAccounts.id, transfer.creditAccountId)).get();
  if (!account?.ownerId) return undefined;
  return { transfer, walletUserId: account.ownerId };
}

const refundOf = (depositId: number) => and(eq(ledgerTransfers.kind, 'refund_deposit_to_card'), eq(ledgerTransfers.relatedTransferId, depositId));

/** Refunds of a deposit to its card, oldest first: posted = done, pending = at the provider, voided = failed. */
export function listCardRefunds(depositId: number): LedgerTransfer[] {
  const ids = db.select({ id: ledgerTransfers.id }).from(ledgerTransfers).where(refundOf(depositId)).orderBy(asc(ledgerTransfers.id)).all();
  return ids.flatMap(({ id }) => getTransfer(id) ?? []);
}

/**
 * What can still go back to the card: the deposit minus its refunds that are done or under way,
 * never more than the wallet has available now.
 */
export function refundableToCard(deposit: CardDeposit): number {
  const refunded =
    db
      .select({ total: sql<number>`coalesce(sum(${ledgerTransfers.amount}), 0)` })
      .from(ledgerTransfers)
      .where(and(refundOf(deposit.transfer.id), ne(ledgerTransfers.state, 'voided')))
      .get()?.total ?? 0;
  const { available } = getBalance({ wallet: deposit.walletUserId, currency: deposit.transfer.currency });
  return Math.max(0, Math.min(deposit.transfer.amount - refunded, available));
}

export type CardRefundResult =
  | { status: 'refunded'; transfer: LedgerTransfer }
  /** The provider's answer is not known yet (lost, 5xx, pending): the hold stays, settled on a retry or by the reconciler. */
  | { status: 'waiting'; transfer: LedgerTransfer }
  | { status: 'refused'; transfer: LedgerTransfer; code: string }
  | { status: 'too_much'; refundable: number };

function resultOf(transfer: LedgerTransfer): Exclude<CardRefundResult, { status: 'too_much' }> {
  if (transfer.state === 'posted') return { status: 'refunded', transfer };
  if (transfer.state === 'voided') return { status: 'refused', transfer, code: transfer.voidReason ?? 'refused' };
  return { status: 'waiting', transfer };
}

const holdKey = (deposit: CardDeposit, attemptKey: string, amount: number) => `api:wallet-card-refund:${deposit.transfer.id}:${attemptKey}:${amount}`;

/**
 * Sends part of a card deposit back to the card. The wallet's money is held first (pending
 * transfer wallet → card_clearing, kind refund_deposit_to_card, checked against what is left of
 * the deposit in the same transaction; the ledger refuses it beyond the available balance), then
 * the provider that took the card refunds it, then the hold is posted, voided on a definite
 * refusal, or left pending when the answer is unknown. The same attempt resumes its own hold:
 * a pending one asks the provider again (same Stripe idempotency key), a settled one is answered.
 */
export async function refundDepositToCard(input: { deposit: CardDeposit; amount: number; attemptKey: string; staffId: number }): Promise<CardRefundResult> {
  const { deposit, amount } = input;
  const currency = deposit.transfer.currency;
  const idempotencyKey = holdKey(deposit, input.attemptKey, amount);
  const held = writeTransaction(() => {
    const earlier = db.select().from(ledgerTransfers).where(eq(ledgerTransfers.idempotencyKey, idempotencyKey)).get();
    // Checked before the bound: the attempt's own hold already counts against what is refundable.
    if (earlier) return { status: 'held' as const, transfer: earlier, replayed: true };
    const refundable = refundableToCard(deposit);
    if (amount > refundable) return { status: 'too_much' as const, refundable };
    const { transfer } = createPendingTransfer({
      debit: { wallet: deposit.walletUserId, currency },
      credit: { system: 'card_clearing', currency },
      amount,
      currency,
      kind: 'refund_deposit_to_card',
      idempotencyKey,
      description: `Top-up ${deposit.transfer.reference} refunded to the card`,
      paymentId: deposit.transfer.paymentId ?? undefined,
      relatedTransferId: deposit.transfer.id,
      createdBy: input.staffId,
    });
    return { status: 'held' as const, transfer, replayed: false };
  });
  if (held.status === 'too_much') return held;
  if (held.transfer.state !== 'pending') return resultOf(held.transfer);
  const settled = await refundCardTransfer(held.transfer, { resolvedBy: input.staffId, lookFirst: held.replayed });
  return resultOf(settled.transfer);
}
