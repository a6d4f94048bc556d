import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Query, Tx } from '@/db/database';
import { constraintViolation } from '@/db/errors';
import { ledgerAccounts, ledgerEntries, ledgerTransfers, transferKinds, type LedgerTransfer, type TransferKind } from '@/db/schema';
import { isCurrencyCode, isPositiveAmount } from '@/lib/money';
import { accountCode, ensureAccount, type AccountRef } from './accounts';
import { isLedgerDescriptionCode, type LedgerDescription } from './descriptions';
import {
  AccountTotalOutOfRangeError,
  CurrencyMismatchError,
  IdempotencyConflictError,
  InsufficientFundsError,
  InvalidAmountError,
  InvalidStateError,
  InvalidTransferError,
  NotFoundError,
  TransferRaceError,
  WalletLimitExceededError,
} from './errors';
import { preparedOnce } from '@/db/prepared';
import { walletMoved } from '@/lib/notifications/low-balance';
import { lockTransferCounter, nextTransferReference, takeBackTransferReference } from './sequences';
import { moveAccount, readAccount, settleAccount, sqlInteger, undoMovement, type AccountChange, type Mode, type Movement, type Side } from './statements';

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
  /** What the transfer is: a code and its params (lib/ledger/descriptions.ts), worded at the edge. */
  description: LedgerDescription;
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
  // U+0000: PostgreSQL text cannot hold it (the same key must work on both engines).
  if (typeof input.idempotencyKey !== 'string' || input.idempotencyKey.trim() === '' || input.idempotencyKey.length > 255 || input.idempotencyKey.includes('\u0000')) {
    throw new InvalidTransferError('An idempotency key is a non-empty string of at most 255 characters, without NUL.');
  }
  if (!isLedgerDescriptionCode(input.description?.code) || input.description.params === null || typeof input.description.params !== 'object') {
    throw new InvalidTransferError('A transfer needs a description code and params.');
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

const t = ledgerTransfers;
const maxSafe = Number.MAX_SAFE_INTEGER;

const transferColumns = [
  'reference',
  'debitAccountId',
  'creditAccountId',
  'amount',
  'currency',
  'kind',
  'state',
  'idempotencyKey',
  'paramsHash',
  'descriptionCode',
  'descriptionParams',
  'memo',
  'orderId',
  'invoiceId',
  'paymentId',
  'relatedTransferId',
  'createdBy',
  'createdAt',
] as const;

/**
 * INSERT INTO ledger_transfers … RETURNING id, prepared once per handle and mode (placeholders by
 * column; a pending transfer has no posted_at: a null Date cannot pass the column's encoder). The
 * row itself is what was inserted, so only its id comes back.
 */
function insertTransfer(tx: Tx, mode: Mode) {
  return preparedOnce(tx, `insertTransfer:${mode}`, (q) => {
    const values: Record<string, unknown> = Object.fromEntries(transferColumns.map((column) => [column, sql.placeholder(column)]));
    values.postedAt = mode === 'posted' ? sql.placeholder('createdAt') : null;
    return q
      .insert(t)
      .values(values as unknown as typeof t.$inferInsert)
      .returning({ id: t.id });
  });
}

/** The two history entries of a transfer that became final: −moved on the debit side, +moved on the credit side. */
async function insertEntries(tx: Tx, transferId: number, debit: AccountChange, credit: AccountChange, moved: number, now: Date): Promise<void> {
  const statement = preparedOnce(tx, 'insertEntries', (q) => {
    const entry = (side: 'd' | 'c') => ({
      accountId: sql.placeholder(`${side}Account`),
      position: sql.placeholder(`${side}Position`),
      transferId: sql.placeholder('transferId'),
      delta: sql.placeholder(`${side}Delta`),
      balanceAfter: sql.placeholder(`${side}Balance`),
      createdAt: sql.placeholder('createdAt'),
    });
    return q
      .insert(ledgerEntries)
      .values([entry('d'), entry('c')] as unknown as (typeof ledgerEntries.$inferInsert)[]);
  });
  await statement.execute({
    transferId,
    createdAt: now,
    dAccount: debit.id,
    dPosition: debit.position,
    dDelta: moved === 0 ? 0 : -moved,
    dBalance: debit.balance,
    cAccount: credit.id,
    cPosition: credit.position,
    cDelta: moved,
    cBalance: credit.balance,
  });
}

/** Why an account UPDATE matched no row although the account exists: the error to throw. */
async function refusal(tx: Tx, m: Movement): Promise<Error> {
  const account = await readAccount(tx, m.code);
  if (!account) return new Error(`Account ${m.code} vanished.`);
  const amount = Number(m.amount);
  const column = m.side === 'debit' ? (m.mode === 'posted' ? account.debitsPosted : account.debitsPending) : m.mode === 'posted' ? account.creditsPosted : account.creditsPending;
  if (column > maxSafe - amount) return new AccountTotalOutOfRangeError(m.code, `${m.side}s_${m.mode}`);
  const posted = account.creditsPosted - account.debitsPosted;
  if (m.side === 'debit') return new InsufficientFundsError(m.code, posted - account.debitsPending, amount);
  return new WalletLimitExceededError(m.code, Number(m.walletCap), posted + account.creditsPending, amount);
}

/**
 * Runs an account UPDATE by code; on a miss makes sure the account exists and tries once more.
 * Also when ensureAccount created nothing: under READ COMMITTED another transaction may have
 * created the account (and committed) after this UPDATE looked, and the retry then sees it.
 */
async function moveOnAccount(tx: Tx, ref: AccountRef, m: Movement): Promise<AccountChange | undefined> {
  const moved = await moveAccount(tx, m);
  if (moved) return moved;
  await ensureAccount(tx, ref, m.code);
  return moveAccount(tx, m);
}

/** The most the credited account may hold: the caller's wallet cap, else only what stays exact. */
function walletCapFor(input: TransferInput): bigint {
  return input.walletCap !== undefined && 'wallet' in input.credit ? sqlInteger(input.walletCap) : BigInt(maxSafe);
}

function replay(existing: LedgerTransfer, idempotencyKey: string, paramsHash: string): TransferResult {
  if (existing.paramsHash !== paramsHash) throw new IdempotencyConflictError(idempotencyKey, existing.id);
  return { transfer: existing, replayed: true };
}

/**
 * One transfer, as a step of the caller's transaction:
 * 1. the idempotency key: a transfer already made with it is replayed (same parameters) or
 *    refused (IdempotencyConflictError);
 * 2. the reference (WT/<year>/<n>) from the counter row, before any account: every transfer
 *    takes that row, so all transactions lock in one order (counter, then accounts);
 * 3. both accounts, in a fixed order (by account code), so that two PostgreSQL transactions
 *    never wait for each other's rows in opposite orders; each UPDATE carries its own guard, and
 *    when the second side is refused the first is taken back, and the reference too (no gap), so
 *    a caller that catches the refusal keeps nothing of it;
 * 4. the transfer row, whose unique idempotency_key settles a race the lookup could not see:
 *    under READ COMMITTED two transactions may both miss the key; the second one's insert then
 *    fails, and TransferRaceError (SQLSTATE 40001) has db.write roll it back, account updates
 *    included, and run it again, when it finds the key and replays;
 * 5. for a posted transfer, one history entry per account.
 */
async function recordTransfer(tx: Tx, input: TransferInput, mode: Mode): Promise<TransferResult> {
  const plan = planTransfer(input, mode);
  const byKey = preparedOnce(tx, 'transferIdByKey', (q) => q.select({ id: t.id }).from(t).where(eq(t.idempotencyKey, sql.placeholder('key'))));
  const [existing] = await byKey.execute({ key: input.idempotencyKey });
  if (existing) {
    const original = await getTransfer(tx, existing.id);
    if (!original) throw new NotFoundError(`Transfer ${existing.id} vanished.`);
    return replay(original, input.idempotencyKey, plan.paramsHash);
  }

  const amount = sqlInteger(input.amount);
  const walletCap = walletCapFor(input);
  // The reference first: its counter row is the one lock every transfer takes, so taking it before
  // the accounts gives all transactions one lock order (counter, then accounts by code). Taken
  // after, a transaction making two transfers would hold the counter while it waits for an account
  // that another holds while it waits for the counter: a deadlock PostgreSQL breaks after a second.
  const now = new Date();
  const reference = await nextTransferReference(tx, now);
  const debitSide = { ref: input.debit, movement: { side: 'debit', mode, code: plan.debitCode, amount, walletCap } satisfies Movement };
  const creditSide = { ref: input.credit, movement: { side: 'credit', mode, code: plan.creditCode, amount, walletCap } satisfies Movement };
  const ordered = plan.debitCode < plan.creditCode ? [debitSide, creditSide] : [creditSide, debitSide];
  const done: { movement: Movement; change: AccountChange }[] = [];
  for (const { ref, movement } of ordered) {
    const change = await moveOnAccount(tx, ref, movement);
    if (!change) {
      const error = await refusal(tx, movement);
      for (const previous of done) await undoMovement(tx, previous.movement, previous.change.id);
      // No transfer: its number goes back (the counter row is still this transaction's), so the caller
      // may catch the refusal and commit without leaving a gap in the references.
      await takeBackTransferReference(tx, now);
      // A twin with the same key (a retry on another server, under READ COMMITTED) may have
      // committed while this UPDATE waited for the account row: the guard then refused the money
      // the twin already moved. That is not a refusal but the same transfer: replay it.
      const [twin] = await byKey.execute({ key: input.idempotencyKey });
      const original = twin ? await getTransfer(tx, twin.id) : undefined;
      if (original) return replay(original, input.idempotencyKey, plan.paramsHash);
      throw error;
    }
    done.push({ movement, change });
  }
  const changeOf = (side: Side) => done.find((each) => each.movement.side === side)?.change as AccountChange;
  const debit = changeOf('debit');
  const credit = changeOf('credit');

  const posted = mode === 'posted';
  const row = {
    reference,
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    amount: input.amount,
    currency: input.currency,
    kind: input.kind,
    state: mode,
    idempotencyKey: input.idempotencyKey,
    paramsHash: plan.paramsHash,
    descriptionCode: input.description.code,
    descriptionParams: JSON.stringify(input.description.params),
    memo: input.memo ?? null,
    orderId: input.orderId ?? null,
    invoiceId: input.invoiceId ?? null,
    paymentId: input.paymentId ?? null,
    relatedTransferId: input.relatedTransferId ?? null,
    createdBy: input.createdBy ?? null,
    createdAt: now,
  };
  let inserted: { id: number } | undefined;
  try {
    [inserted] = await insertTransfer(tx, mode).execute(row);
  } catch (error) {
    if (constraintViolation(error) === 'unique') throw new TransferRaceError(input.idempotencyKey, error);
    throw error;
  }
  if (!inserted) throw new Error(`Transfer ${reference} was not stored.`);
  const transfer: LedgerTransfer = { id: inserted.id, ...row, postedAt: posted ? now : null, voidedAt: null, resolvedBy: null, voidReason: null };
  if (posted) await insertEntries(tx, transfer.id, debit, credit, input.amount, now);
  // Every wallet movement passes here or in resolvePending: the low-balance alert looks at each.
  if ('wallet' in input.debit) await walletMoved(tx, { userId: input.debit.wallet, currency: input.currency, transferId: transfer.id, debited: true, account: debit });
  if ('wallet' in input.credit) await walletMoved(tx, { userId: input.credit.wallet, currency: input.currency, transferId: transfer.id, debited: false, account: credit });
  return { transfer, replayed: false };
}

/** Moves money at once from `debit` to `credit`; refuses to take a wallet below its limit. */
export function postTransfer(tx: Tx, input: TransferInput): Promise<TransferResult> {
  return recordTransfer(tx, input, 'posted');
}

/**
 * Reserves a movement to be posted or voided later (two-phase): the debit account's available
 * balance drops now (a hold), the credit account sees it as pending incoming (a wire top-up).
 */
export function createPendingTransfer(tx: Tx, input: TransferInput): Promise<TransferResult> {
  return recordTransfer(tx, input, 'pending');
}

/**
 * Posts or voids a pending transfer. The transfer row is claimed first (UPDATE … WHERE state =
 * 'pending'): of two transactions resolving it at once, the second waits for the first and then
 * matches nothing (InvalidStateError), before it has touched an account. The accounts follow in
 * the same fixed order as new transfers (by code). An account past the safe range (a damaged
 * ledger) throws after the claim: let the transaction roll back.
 */
async function resolvePending(
  tx: Tx,
  transferId: number,
  outcome: 'post' | 'void',
  resolvedBy: number | undefined,
  reason: string | undefined,
): Promise<LedgerTransfer> {
  const posting = outcome === 'post';
  const now = new Date();
  // The counter first, as every new transfer takes it (recordTransfer): one lock order for all ledger writes.
  await lockTransferCounter(tx, now);
  const [claimed] = await tx
    .update(t)
    .set({
      state: posting ? 'posted' : 'voided',
      postedAt: posting ? now : null,
      voidedAt: posting ? null : now,
      resolvedBy: resolvedBy ?? null,
      voidReason: posting ? null : (reason ?? null),
    })
    .where(and(eq(t.id, transferId), eq(t.state, 'pending')))
    .returning();
  if (!claimed) {
    const [current] = await tx.select({ state: t.state }).from(t).where(eq(t.id, transferId));
    if (!current) throw new NotFoundError(`No transfer ${transferId}.`);
    throw new InvalidStateError(transferId, current.state, outcome);
  }

  const amount = sqlInteger(claimed.amount);
  const accounts = await tx
    .select({ id: ledgerAccounts.id, code: ledgerAccounts.code, ownerId: ledgerAccounts.ownerId })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.id, [claimed.debitAccountId, claimed.creditAccountId]));
  const codeOf = new Map(accounts.map((account) => [account.id, account.code]));
  const sides = [
    { side: 'debit' as const, accountId: claimed.debitAccountId },
    { side: 'credit' as const, accountId: claimed.creditAccountId },
  ].sort((x, y) => ((codeOf.get(x.accountId) ?? '') < (codeOf.get(y.accountId) ?? '') ? -1 : 1));
  const changes = new Map<Side, AccountChange>();
  for (const { side, accountId } of sides) {
    if (!codeOf.has(accountId)) throw new NotFoundError(`The accounts of transfer ${transferId} are missing.`);
    const change = await settleAccount(tx, side, outcome, accountId, amount);
    if (!change) throw new AccountTotalOutOfRangeError(codeOf.get(accountId) ?? `account ${accountId}`, `${side}s_posted`);
    changes.set(side, change);
  }
  const debit = changes.get('debit') as AccountChange;
  const credit = changes.get('credit') as AccountChange;
  await insertEntries(tx, transferId, debit, credit, posting ? claimed.amount : 0, now);
  for (const { side, accountId } of sides) {
    const owner = accounts.find((account) => account.id === accountId)?.ownerId;
    const account = changes.get(side) as AccountChange;
    if (owner != null) await walletMoved(tx, { userId: owner, currency: claimed.currency, transferId, debited: side === 'debit', account });
  }
  return claimed;
}

/** Posts a pending transfer (wire confirmed, hold captured); InvalidStateError unless pending. */
export function postPendingTransfer(tx: Tx, input: { transferId: number; resolvedBy?: number }): Promise<LedgerTransfer> {
  return resolvePending(tx, input.transferId, 'post', input.resolvedBy, undefined);
}

/** Voids a pending transfer (wire rejected, hold released); InvalidStateError unless pending. */
export function voidPendingTransfer(tx: Tx, input: { transferId: number; resolvedBy?: number; reason?: string }): Promise<LedgerTransfer> {
  return resolvePending(tx, input.transferId, 'void', input.resolvedBy, input.reason);
}

/** A transfer by id, or undefined. */
export async function getTransfer(q: Query, id: number): Promise<LedgerTransfer | undefined> {
  const [transfer] = await q.select().from(t).where(eq(t.id, id));
  return transfer;
}

/** A transfer by its human reference (WT/2026/000042), or undefined. */
export async function getTransferByReference(q: Query, reference: string): Promise<LedgerTransfer | undefined> {
  const [transfer] = await q.select().from(t).where(eq(t.reference, reference));
  return transfer;
}
