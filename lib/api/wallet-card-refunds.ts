import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { ledgerAccounts, ledgerTransfers, type LedgerTransfer } from '@/db/schema';
import { createPendingTransfer, getBalance, getTransfer, InsufficientFundsError } from '@/lib/ledger';
import { refundCardTransfer } from '@/lib/payments/card-refunds';

/** A card top-up of a wallet (ledger kind deposit_card, posted) and whose wallet it went to. */
export type CardDeposit = { transfer: LedgerTransfer; walletUserId: number };

/** The posted card deposit with this transfer id (the platform's wallet transaction id), if any. */
export async function findCardDeposit(q: Query, transferId: number): Promise<CardDeposit | undefined> {
  const transfer = await getTransfer(q, transferId);
  if (!transfer || transfer.kind !== 'deposit_card' || transfer.state !== 'posted') return undefined;
  const [account] = await q.select({ ownerId: ledgerAccounts.ownerId }).from(ledgerAccounts).where(eq(ledgerAccounts.id, transfer.creditAccountId));
  if (!account?.ownerId) return undefined;
  return { transfer, walletUserId: account.ownerId };
}

const refundOf = (depositId: number) => and(eq(ledgerTransfers.kind, 'refund_deposit_to_card'), eq(ledgerTransfers.relatedTransferId, depositId));

/** Refunds of a deposit to its card, oldest first: posted = done, pending = at the provider, voided = failed. */
export async function listCardRefunds(q: Query, depositId: number): Promise<LedgerTransfer[]> {
  const ids = await q.select({ id: ledgerTransfers.id }).from(ledgerTransfers).where(refundOf(depositId)).orderBy(asc(ledgerTransfers.id));
  const transfers = await Promise.all(ids.map(({ id }) => getTransfer(q, id)));
  return transfers.flatMap((transfer) => transfer ?? []);
}

/** What of the deposit has gone back to the card or is on its way (refunds not voided). */
async function refundedOrUnderWay(q: Query, depositId: number): Promise<number> {
  const [row] = await q
    .select({ total: sql<number>`coalesce(sum(${ledgerTransfers.amount}), 0)`.mapWith(Number) })
    .from(ledgerTransfers)
    .where(and(refundOf(depositId), ne(ledgerTransfers.state, 'voided')));
  return row?.total ?? 0;
}

/**
 * What can still go back to the card: the deposit minus its refunds that are done or under way,
 * never more than the wallet has available now.
 */
export async function refundableToCard(q: Query, deposit: CardDeposit): Promise<number> {
  const refunded = await refundedOrUnderWay(q, deposit.transfer.id);
  const { available } = await getBalance(q, { wallet: deposit.walletUserId, currency: deposit.transfer.currency });
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

/** Thrown inside the hold's transaction to roll it back: the refund would exceed what is refundable. */
class TooMuch extends Error {
  constructor(readonly refundable: number) {
    super('The refund exceeds what is refundable.');
  }
}

type Held = { status: 'held'; transfer: LedgerTransfer; replayed: boolean };

/**
 * Holds the wallet's money for a refund to the card, in one transaction. The bound is checked
 * after the hold is written, not only before: the ledger's debit locks the wallet's account row,
 * so on PostgreSQL a concurrent refund of the same deposit waits here until this one commits and
 * then counts it. Beyond the available balance the ledger refuses; beyond what is left of the
 * deposit the hold is rolled back. Either way: too_much with what is refundable.
 */
async function holdForCardRefund(tx: Tx, deposit: CardDeposit, amount: number, idempotencyKey: string, staffId: number): Promise<Held> {
  const currency = deposit.transfer.currency;
  const [earlier] = await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.idempotencyKey, idempotencyKey));
  // Checked before the bound: the attempt's own hold already counts against what is refundable.
  if (earlier) return { status: 'held', transfer: earlier, replayed: true };
  const before = await refundableToCard(tx, deposit);
  if (amount > before) throw new TooMuch(before);
  const { transfer, replayed } = await createPendingTransfer(tx, {
    debit: { wallet: deposit.walletUserId, currency },
    credit: { system: 'card_clearing', currency },
    amount,
    currency,
    kind: 'refund_deposit_to_card',
    idempotencyKey,
    description: { code: 'topUpRefundToCard', params: { reference: deposit.transfer.reference } },
    paymentId: deposit.transfer.paymentId ?? undefined,
    relatedTransferId: deposit.transfer.id,
    createdBy: staffId,
  });
  const refunded = await refundedOrUnderWay(tx, deposit.transfer.id);
  if (refunded > deposit.transfer.amount) throw new TooMuch(Math.max(0, deposit.transfer.amount - (refunded - amount)));
  // Replayed: a twin of this attempt (same key, another server) held it and committed meanwhile.
  return { status: 'held', transfer, replayed };
}

/**
 * Sends part of a card deposit back to the card. The wallet's money is held first (pending
 * transfer wallet → card_clearing, kind refund_deposit_to_card, checked against what is left of
 * the deposit in the same transaction; the ledger refuses it beyond the available balance), then
 * the provider that took the card refunds it (outside any transaction), then the hold is posted,
 * voided on a definite refusal, or left pending when the answer is unknown. The same attempt
 * resumes its own hold: a pending one asks the provider again (same Stripe idempotency key), a
 * settled one is answered.
 */
export async function refundDepositToCard(
  db: Database,
  input: { deposit: CardDeposit; amount: number; attemptKey: string; staffId: number },
): Promise<CardRefundResult> {
  const { deposit, amount } = input;
  const idempotencyKey = holdKey(deposit, input.attemptKey, amount);
  let held: Held;
  try {
    held = await db.write((tx) => holdForCardRefund(tx, deposit, amount, idempotencyKey, input.staffId));
  } catch (error) {
    if (!(error instanceof TooMuch) && !(error instanceof InsufficientFundsError)) throw error;
    // On PostgreSQL a twin of this attempt may have held the money and committed after this
    // transaction looked for its key: then the bound counted the twin's hold against it. The
    // attempt is not refused; it resumes the twin's hold.
    const [twin] = await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.idempotencyKey, idempotencyKey));
    if (twin) held = { status: 'held', transfer: twin, replayed: true };
    else return { status: 'too_much', refundable: error instanceof TooMuch ? error.refundable : await refundableToCard(db.read, deposit) };
  }
  if (held.transfer.state !== 'pending') return resultOf(held.transfer);
  const settled = await refundCardTransfer(db, held.transfer, { resolvedBy: input.staffId, lookFirst: held.replayed });
  return resultOf(settled.transfer);
}
