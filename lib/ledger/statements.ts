import { sqlite } from '@/db/client';
import type { SystemAccountName, TransferKind, TransferState } from '@/db/schema';
import { AccountTotalOutOfRangeError, InvalidAmountError } from './errors';

/** A ledger_transfers row as SQLite returns it (snake_case, times in epoch ms). */
export type TransferRow = {
  id: number;
  reference: string;
  debit_account_id: number;
  credit_account_id: number;
  amount: number;
  currency: string;
  kind: TransferKind;
  state: TransferState;
  idempotency_key: string;
  params_hash: string;
  description: string;
  memo: string | null;
  order_id: number | null;
  invoice_id: number | null;
  payment_id: number | null;
  related_transfer_id: number | null;
  created_by: number | null;
  created_at: number;
  posted_at: number | null;
  voided_at: number | null;
  resolved_by: number | null;
  void_reason: string | null;
};

export type AccountBalanceRow = {
  id: number;
  kind: 'wallet' | 'system';
  debits_posted: number;
  credits_posted: number;
  debits_pending: number;
  credits_pending: number;
  negative_limit: number | null;
  entry_count: number;
};

/** The same row read with safeIntegers: exact even where a damaged file holds more than 2^53. */
type ExactAccountRow = {
  id: bigint;
  kind: 'wallet' | 'system';
  debits_posted: bigint;
  credits_posted: bigint;
  debits_pending: bigint;
  credits_pending: bigint;
  negative_limit: bigint | null;
  entry_count: bigint;
};

/** What an account UPDATE … RETURNING gives back: its id, posted balance and entry count. */
export type AccountChange = { id: number; balance: number; position: number };

/** An amount bound to SQL: a BigInt, so SQLite sees an INTEGER (a JS number binds as REAL). */
export type Movement = { code: string; amount: bigint; walletCap: bigint };
type Settlement = { id: number; amount: bigint };

/** The amount as an SQL integer; InvalidAmountError unless it is a safe integer. */
export function sqlInteger(value: number): bigint {
  if (!Number.isSafeInteger(value)) throw new InvalidAmountError(value);
  return BigInt(value);
}

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

// The limit test lives in the debit statement itself, so that two requests racing for the
// same money cannot both pass a check made before the write.
const withinLimit = `(negative_limit IS NULL OR credits_posted - debits_posted - debits_pending - @amount >= -negative_limit)`;
// Every column stays a safe integer, so JS reads it exactly and every balance (a difference of
// two columns) is exact too. SQLite's own 64-bit arithmetic is exact; the guard is for readers.
const fits = (column: string) => `${column} <= ${maxSafe} - @amount`;
// A wallet never holds more than the cap, counting money on its way in, so posting it cannot pass.
const withinWalletCap = `(kind <> 'wallet' OR credits_posted - debits_posted + credits_pending + @amount <= @walletCap)`;
const change = `RETURNING id, credits_posted - debits_posted AS balance, entry_count AS position`;

function prepareStatements() {
  return {
    transferIdByKey: sqlite.prepare<[string], { id: number; params_hash: string }>(
      `SELECT id, params_hash FROM ledger_transfers WHERE idempotency_key = ?`,
    ),
    transferById: sqlite.prepare<[number], TransferRow>(`SELECT * FROM ledger_transfers WHERE id = ?`),
    accountByCode: sqlite
      .prepare<[string], ExactAccountRow>(
        `SELECT id, kind, debits_posted, credits_posted, debits_pending, credits_pending, negative_limit, entry_count
         FROM ledger_accounts WHERE code = ?`,
      )
      .safeIntegers(true),
    accountExists: sqlite.prepare<[number], { id: number }>(`SELECT id FROM ledger_accounts WHERE id = ?`),
    insertAccount: sqlite.prepare<
      [
        {
          code: string;
          kind: 'wallet' | 'system';
          ownerId: number | null;
          systemName: SystemAccountName | null;
          currency: string;
          negativeLimit: number | null;
          createdAt: number;
        },
      ]
    >(
      `INSERT INTO ledger_accounts (code, kind, owner_id, system_name, currency, negative_limit, created_at)
       VALUES (@code, @kind, @ownerId, @systemName, @currency, @negativeLimit, @createdAt)
       ON CONFLICT (code) DO NOTHING`,
    ),

    debitPosted: sqlite.prepare<[Movement], AccountChange>(
      `UPDATE ledger_accounts SET debits_posted = debits_posted + @amount, entry_count = entry_count + 1
       WHERE code = @code AND ${withinLimit} AND ${fits('debits_posted')} ${change}`,
    ),
    creditPosted: sqlite.prepare<[Movement], AccountChange>(
      `UPDATE ledger_accounts SET credits_posted = credits_posted + @amount, entry_count = entry_count + 1
       WHERE code = @code AND ${fits('credits_posted')} AND ${withinWalletCap} ${change}`,
    ),
    debitPending: sqlite.prepare<[Movement], AccountChange>(
      `UPDATE ledger_accounts SET debits_pending = debits_pending + @amount
       WHERE code = @code AND ${withinLimit} AND ${fits('debits_pending')} ${change}`,
    ),
    creditPending: sqlite.prepare<[Movement], AccountChange>(
      `UPDATE ledger_accounts SET credits_pending = credits_pending + @amount
       WHERE code = @code AND ${fits('credits_pending')} AND ${withinWalletCap} ${change}`,
    ),

    // Posting a pending transfer moves pending to posted; the debit side's available balance
    // is unchanged (it was already reduced by the hold), so no limit test is needed; nor a
    // wallet cap test on the credit side: the cap counted the pending credit when it was made.
    postPendingDebit: sqlite.prepare<[Settlement], AccountChange>(
      `UPDATE ledger_accounts SET debits_pending = debits_pending - @amount,
         debits_posted = debits_posted + @amount, entry_count = entry_count + 1
       WHERE id = @id AND ${fits('debits_posted')} ${change}`,
    ),
    postPendingCredit: sqlite.prepare<[Settlement], AccountChange>(
      `UPDATE ledger_accounts SET credits_pending = credits_pending - @amount,
         credits_posted = credits_posted + @amount, entry_count = entry_count + 1
       WHERE id = @id AND ${fits('credits_posted')} ${change}`,
    ),
    voidPendingDebit: sqlite.prepare<[Settlement], AccountChange>(
      `UPDATE ledger_accounts SET debits_pending = debits_pending - @amount, entry_count = entry_count + 1
       WHERE id = @id ${change}`,
    ),
    voidPendingCredit: sqlite.prepare<[Settlement], AccountChange>(
      `UPDATE ledger_accounts SET credits_pending = credits_pending - @amount, entry_count = entry_count + 1
       WHERE id = @id ${change}`,
    ),

    nextSequenceValue: sqlite
      .prepare<[string], number>(
        `INSERT INTO sequences (name, last_value) VALUES (?, 1)
         ON CONFLICT (name) DO UPDATE SET last_value = last_value + 1
         RETURNING last_value`,
      )
      .pluck(),

    insertTransfer: sqlite.prepare<[Omit<TransferRow, 'id' | 'amount'> & { amount: bigint }]>(
      `INSERT INTO ledger_transfers (reference, debit_account_id, credit_account_id, amount, currency, kind, state,
         idempotency_key, params_hash, description, memo, order_id, invoice_id, payment_id, related_transfer_id,
         created_by, created_at, posted_at, voided_at, resolved_by, void_reason)
       VALUES (@reference, @debit_account_id, @credit_account_id, @amount, @currency, @kind, @state,
         @idempotency_key, @params_hash, @description, @memo, @order_id, @invoice_id, @payment_id, @related_transfer_id,
         @created_by, @created_at, @posted_at, @voided_at, @resolved_by, @void_reason)`,
    ),
    resolveTransfer: sqlite.prepare<
      [
        {
          id: number;
          state: 'posted' | 'voided';
          postedAt: number | null;
          voidedAt: number | null;
          resolvedBy: number | null;
          voidReason: string | null;
        },
      ]
    >(
      `UPDATE ledger_transfers SET state = @state, posted_at = @postedAt, voided_at = @voidedAt,
         resolved_by = @resolvedBy, void_reason = @voidReason
       WHERE id = @id AND state = 'pending'`,
    ),
    insertEntry: sqlite.prepare<[number, number, number, bigint, bigint, number]>(
      `INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
  };
}

let prepared: ReturnType<typeof prepareStatements> | undefined;

/** The ledger's prepared statements, compiled once per process on first use. */
export function statements(): ReturnType<typeof prepareStatements> {
  prepared ??= prepareStatements();
  return prepared;
}

/** A column read exactly, as a number; AccountTotalOutOfRangeError past the safe range. */
function exactNumber(code: string, column: string, value: bigint | number): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || BigInt(number) !== BigInt(value)) throw new AccountTotalOutOfRangeError(code, column);
  return number;
}

/** The account's row exactly as stored (BigInt columns), e.g. to explain a refused update. */
export function readExactAccount(code: string): ExactAccountRow | undefined {
  return statements().accountByCode.get(code);
}

/** The account's row with number columns, or undefined; never an inexact number. */
export function readAccount(code: string): AccountBalanceRow | undefined {
  const row = readExactAccount(code);
  if (!row) return undefined;
  const column = (name: 'debits_posted' | 'credits_posted' | 'debits_pending' | 'credits_pending' | 'entry_count') =>
    exactNumber(code, name, row[name]);
  return {
    id: Number(row.id),
    kind: row.kind,
    debits_posted: column('debits_posted'),
    credits_posted: column('credits_posted'),
    debits_pending: column('debits_pending'),
    credits_pending: column('credits_pending'),
    negative_limit: row.negative_limit === null ? null : exactNumber(code, 'negative_limit', row.negative_limit),
    entry_count: column('entry_count'),
  };
}
