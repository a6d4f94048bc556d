import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { ledgerTransfers, transferKinds, type LedgerTransfer, type TransferKind } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { isCurrencyCode, isPositiveAmount } from '@/lib/money';
import { accountCode, ensureAccount, type AccountRef } from './accounts';
import {
  AccountTotalOutOfRangeError,
  CurrencyMismatchError,
  IdempotencyConflictError,
  InsufficientFundsError,
  InvalidAmountError,
  InvalidStateError,
  InvalidTransferError,
  NotFoundError,
  WalletLimitExceededError,
} from './errors';
import { nextTransferReference } from './sequences';
import {
  readExactAccount,
  sqlInteger,
  statements,
  type AccountChange,
  type Movement,
  type TransferRow,
} from './statements';

export type TransferInput = {
  /** The account money leaves (its debits grow). */
  debit: AccountRef;
  /** The account money reaches (its credits grow). */
  credit: AccountRef;
  /** Positive integer minor units. */
  amount: number;
  currency: string;
  kind: TransferKind;
  /** Unique per intended movement; a retry with the same key and parameters moves nothing. */
  idempotencyKey: string;
  description: string;
  memo?: string;
  orderId?: number;
  invoiceId?: number;
  paymentId?: number;
  /** The transfer this one refunds or reverses. */
  relatedTransferId?: number;
  createdBy?: number;
  /**
   * The most the credited wallet may hold afterwards (posted + incoming), checked in the credit
   * UPDATE. Money a shopper or the shop chooses to add passes the shop's maxWalletBalance; money a
   * provider already took (a completed card payment, a refund) passes none and is never refused.
   */
  walletCap?: number;
};

export type TransferResult = {
  transfer: LedgerTransfer;
  /** True when the idempotency key had been used with the same parameters: nothing moved. */
  replayed: boolean;
};

type Mode = 'posted' | 'pending';

type Plan = { debitCode: string; creditCode: string; paramsHash: string };

/**
 * Checks what can be checked without the database and fingerprints the parameters that decide
 * where money goes. Description, memo and createdBy are left out of the fingerprint: they are
 * words about the movement, and a retry that rewords them is still the same movement.
 */
function planTransfer(input: TransferInput, mode: Mode): Plan {
  if (!isPositiveAmount(input.amount)) throw new InvalidAmountError(input.amount);
  const currencies = [input.currency, input.debit.currency, input.credit.currency];
  if (!currencies.every((currency) => currency === input.currency)) throw new CurrencyMismatchError(currencies);
  if (!isCurrencyCode(input.currency)) throw new InvalidTransferError(`Unknown currency "${input.currency}".`);
  if (!transferKinds.includes(input.kind)) throw new InvalidTransferError(`Unknown transfer kind "${String(input.kind)}".`);
  if (typeof input.idempotencyKey !== 'string' || input.idempotencyKey.trim() === '' || input.idempotencyKey.length > 255) {
    throw new InvalidTransferError('An idempotency key is a non-empty string of at most 255 characters.');
  }
  if (typeof input.description !== 'string' || input.description.trim() === '') {
    throw new InvalidTransferError('A transfer needs a description.');
  }
  const debitCode = accountCode(input.debit);
  const creditCode = accountCode(input.credit);
  if (debitCode === creditCode) throw new InvalidTransferError(`A transfer cannot debit and credit ${debitCode}.`);
  const fingerprint = JSON.stringify([
    mode,
    debitCode,
    creditCode,
    input.amount,
    input.currency,
    input.kind,
    input.orderId ?? null,
    input.invoiceId ?? null,
    input.paymentId ?? null,
    input.relatedTransferId ?? null,
  ]);
  return { debitCode, creditCode, paramsHash: createHash('sha256').update(fingerprint).digest('base64url') };
}

type Side = 'debit' | 'credit';

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

/** Why an account UPDATE matched no row although the account exists: the error to throw. */
function refusal(code: string, side: Side, mode: Mode, amount: bigint, walletCap: bigint): Error {
  const account = readExactAccount(code);
  if (!account) return new Error(`Account ${code} vanished.`);
  const column = `${side}s_${mode}` as const;
  if (account[column] > maxSafe - amount) return new AccountTotalOutOfRangeError(code, column);
  const posted = account.credits_posted - account.debits_posted;
  if (side === 'debit') {
    return new InsufficientFundsError(code, Number(posted - account.debits_pending), Number(amount));
  }
  const holding = posted + account.credits_pending;
  return new WalletLimitExceededError(code, Number(walletCap), Number(holding), Number(amount));
}

/** Runs an account UPDATE by code; on a miss creates the account and tries once more. */
function moveOnAccount(
  update: Statement<[Movement], AccountChange>,
  ref: AccountRef,
  movement: Movement,
): AccountChange | undefined {
  return update.get(movement) ?? (ensureAccount(ref, movement.code) ? update.get(movement) : undefined);
}

/** The most the credited account may hold: the caller's wallet cap, else only what stays exact. */
function walletCapFor(input: TransferInput): bigint {
  return input.walletCap !== undefined && 'wallet' in input.credit ? sqlInteger(input.walletCap) : maxSafe;
}

function recordTransfer(input: TransferInput, mode: Mode): TransferResult {
  const plan = planTransfer(input, mode);
  return writeTransaction(() => {
    const s = statements();
    const existing = s.transferIdByKey.get(input.idempotencyKey);
    if (existing) {
      if (existing.params_hash !== plan.paramsHash) {
        throw new IdempotencyConflictError(input.idempotencyKey, existing.id);
      }
      const original = s.transferById.get(existing.id);
      if (!original) throw new NotFoundError(`Transfer ${existing.id} vanished.`);
      return { transfer: toTransfer(original), replayed: true };
    }

    const now = Date.now();
    const posted = mode === 'posted';
    const amount = sqlInteger(input.amount);
    const walletCap = walletCapFor(input);
    const debitMove = { code: plan.debitCode, amount, walletCap };
    const debit = moveOnAccount(posted ? s.debitPosted : s.debitPending, input.debit, debitMove);
    if (!debit) throw refusal(plan.debitCode, 'debit', mode, amount, walletCap);
    const creditMove = { code: plan.creditCode, amount, walletCap };
    const credit = moveOnAccount(posted ? s.creditPosted : s.creditPending, input.credit, creditMove);
    if (!credit) throw refusal(plan.creditCode, 'credit', mode, amount, walletCap);

    const row: Omit<TransferRow, 'id'> = {
      reference: nextTransferReference(now),
      debit_account_id: debit.id,
      credit_account_id: credit.id,
      amount: input.amount,
      currency: input.currency,
      kind: input.kind,
      state: mode,
      idempotency_key: input.idempotencyKey,
      params_hash: plan.paramsHash,
      description: input.description,
      memo: input.memo ?? null,
      order_id: input.orderId ?? null,
      invoice_id: input.invoiceId ?? null,
      payment_id: input.paymentId ?? null,
      related_transfer_id: input.relatedTransferId ?? null,
      created_by: input.createdBy ?? null,
      created_at: now,
      posted_at: posted ? now : null,
      voided_at: null,
      resolved_by: null,
      void_reason: null,
    };
    const id = Number(s.insertTransfer.run({ ...row, amount }).lastInsertRowid);
    if (posted) {
      s.insertEntry.run(debit.id, debit.position, id, -amount, sqlInteger(debit.balance), now);
      s.insertEntry.run(credit.id, credit.position, id, amount, sqlInteger(credit.balance), now);
    }
    return { transfer: toTransfer({ id, ...row }), replayed: false };
  });
}

/** Moves money at once from `debit` to `credit`; refuses to take a wallet below its limit. */
export function postTransfer(input: TransferInput): TransferResult {
  return recordTransfer(input, 'posted');
}

/**
 * Reserves a movement to be posted or voided later (two-phase): the debit account's available
 * balance drops now (a hold), the credit account sees it as pending incoming (a wire top-up).
 */
export function createPendingTransfer(input: TransferInput): TransferResult {
  return recordTransfer(input, 'pending');
}

/** Why settling a pending transfer matched no account row: the account is gone or would overflow. */
function unsettled(transferId: number, row: TransferRow, side: Side): Error {
  const accountId = side === 'debit' ? row.debit_account_id : row.credit_account_id;
  const exists = statements().accountExists.get(accountId);
  if (!exists) return new NotFoundError(`The accounts of transfer ${transferId} are missing.`);
  return new AccountTotalOutOfRangeError(`account ${accountId}`, `${side}s_posted`);
}

function resolvePending(
  transferId: number,
  outcome: 'post' | 'void',
  resolvedBy: number | undefined,
  reason: string | undefined,
): LedgerTransfer {
  return writeTransaction(() => {
    const s = statements();
    const row = s.transferById.get(transferId);
    if (!row) throw new NotFoundError(`No transfer ${transferId}.`);
    if (row.state !== 'pending') throw new InvalidStateError(transferId, row.state, outcome);

    const now = Date.now();
    const posting = outcome === 'post';
    const amount = sqlInteger(row.amount);
    const debit = (posting ? s.postPendingDebit : s.voidPendingDebit).get({ id: row.debit_account_id, amount });
    const credit = (posting ? s.postPendingCredit : s.voidPendingCredit).get({ id: row.credit_account_id, amount });
    if (!debit || !credit) throw unsettled(transferId, row, debit ? 'credit' : 'debit');

    const state = posting ? 'posted' : 'voided';
    const resolved: TransferRow = {
      ...row,
      state,
      posted_at: posting ? now : null,
      voided_at: posting ? null : now,
      resolved_by: resolvedBy ?? null,
      void_reason: posting ? null : (reason ?? null),
    };
    s.resolveTransfer.run({
      id: transferId,
      state,
      postedAt: resolved.posted_at,
      voidedAt: resolved.voided_at,
      resolvedBy: resolved.resolved_by,
      voidReason: resolved.void_reason,
    });
    const moved = posting ? amount : 0n;
    s.insertEntry.run(debit.id, debit.position, transferId, -moved, sqlInteger(debit.balance), now);
    s.insertEntry.run(credit.id, credit.position, transferId, moved, sqlInteger(credit.balance), now);
    return toTransfer(resolved);
  });
}

/** Posts a pending transfer (wire confirmed, hold captured); InvalidStateError unless pending. */
export function postPendingTransfer(input: { transferId: number; resolvedBy?: number }): LedgerTransfer {
  return resolvePending(input.transferId, 'post', input.resolvedBy, undefined);
}

/** Voids a pending transfer (wire rejected, hold released); InvalidStateError unless pending. */
export function voidPendingTransfer(input: { transferId: number; resolvedBy?: number; reason?: string }): LedgerTransfer {
  return resolvePending(input.transferId, 'void', input.resolvedBy, input.reason);
}

/** A transfer by id, or undefined. */
export function getTransfer(id: number): LedgerTransfer | undefined {
  return db.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, id)).get();
}

/** A transfer by its human reference (WT/2026/000042), or undefined. */
export function getTransferByReference(reference: string): LedgerTransfer | undefined {
  return db.select().from(ledgerTransfers).where(eq(ledgerTransfers.reference, reference)).get();
}

function toTransfer(row: TransferRow): LedgerTransfer {
  return {
    id: row.id,
    reference: row.reference,
    debitAccountId: row.debit_account_id,
    creditAccountId: row.credit_account_id,
    amount: row.amount,
    currency: row.currency,
    kind: row.kind,
    state: row.state,
    idempotencyKey: row.idempotency_key,
    paramsHash: row.params_hash,
    description: row.description,
    memo: row.memo,
    orderId: row.order_id,
    invoiceId: row.invoice_id,
    paymentId: row.payment_id,
    relatedTransferId: row.related_transfer_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    postedAt: row.posted_at === null ? null : new Date(row.posted_at),
    voidedAt: row.voided_at === null ? null : new Date(row.voided_at),
    resolvedBy: row.resolved_by,
    voidReason: row.void_reason,
  };
}
