import { and, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Query, Tx } from '@/db/database';
import { ledgerAccounts, users } from '@/db/schema';
import { AccountTotalOutOfRangeError, InvalidAmountError } from './errors';
import { preparedOnce } from '@/db/prepared';

// The ledger's account statements, written once with the query builder for both engines. Every
// balance rule lives in the UPDATE's WHERE, so that two transactions racing for the same money
// (two processes on SQLite, two connections under READ COMMITTED on PostgreSQL) cannot both pass
// a check made before the write.

const a = ledgerAccounts;

/** An account row's balance columns as numbers (every one a safe integer). */
export type AccountBalanceRow = {
  id: number;
  kind: 'wallet' | 'system';
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
  negativeLimit: number | null;
  entryCount: number;
};

/**
 * What an account UPDATE … RETURNING gives back: its id, posted balance and entry count; for a
 * wallet also what the low-balance alert needs (lib/notifications/low-balance.ts), read by the same
 * statement so that a wallet movement costs no extra round trip: the available balance after the
 * move and the owner's alert threshold (null: no alert, as for every system account).
 */
export type AccountChange = { id: number; balance: number; position: number; available: number; alertThreshold: number | null };

/**
 * The amount as an SQL integer; InvalidAmountError unless it is a safe integer. Bound as a BigInt:
 * better-sqlite3 binds a JS number as REAL (and arithmetic with a REAL is floating point), a BigInt
 * as INTEGER; node-postgres sends a BigInt as its digits.
 */
export function sqlInteger(value: number): bigint {
  if (!Number.isSafeInteger(value)) throw new InvalidAmountError(value);
  return BigInt(value);
}

// A literal, not a parameter: PostgreSQL then types `maxSafe - $amount` as bigint.
const maxSafe = sql.raw(String(Number.MAX_SAFE_INTEGER));

type Column = SQLWrapper;

// The debit never takes the available balance below the account's limit.
type Value = bigint | SQLWrapper;

const withinLimit = (amount: Value) =>
  sql`(${a.negativeLimit} IS NULL OR ${a.creditsPosted} - ${a.debitsPosted} - ${a.debitsPending} - ${amount} >= -${a.negativeLimit})`;
// Every column stays a safe integer, so JS reads it exactly and every balance (a difference of
// two columns) is exact too. The engines' 64-bit arithmetic is exact; the guard is for readers.
const fits = (column: Column, amount: Value) => sql`${column} <= ${maxSafe} - ${amount}`;
// A wallet never holds more than the cap, counting money on its way in, so posting it cannot pass.
const withinWalletCap = (amount: Value, walletCap: Value) =>
  sql`(${a.kind} <> 'wallet' OR ${a.creditsPosted} - ${a.debitsPosted} + ${a.creditsPending} + ${amount} <= ${walletCap})`;
const one = sql.raw('1');
const plus = (column: Column, amount: Value) => sql`${column} + ${amount}`;
const minus = (column: Column, amount: Value) => sql`${column} - ${amount}`;

const change = {
  id: a.id,
  balance: sql<number>`${a.creditsPosted} - ${a.debitsPosted}`.mapWith(Number),
  position: sql<number>`${a.entryCount}`.mapWith(Number),
  available: sql<number>`${a.creditsPosted} - ${a.debitsPosted} - ${a.debitsPending}`.mapWith(Number),
  // A scalar subquery on the owner's primary key (null for a system account, whose owner is null).
  alertThreshold: sql<number | null>`(select ${users.lowBalanceThreshold} from ${users} where ${users.id} = ${a.ownerId})`.mapWith(Number),
};

export type Side = 'debit' | 'credit';
export type Mode = 'posted' | 'pending';

/** One side of a new transfer: which account, by how much, and the credited wallet's cap. */
export type Movement = { side: Side; mode: Mode; code: string; amount: bigint; walletCap: bigint };

/**
 * Moves one side of a new transfer on the account `code`, guarded in the UPDATE itself: a debit
 * within the account's limit, a credit within the wallet cap, every column a safe integer. Posted
 * movements add a history entry (entry_count + 1). Undefined when the account is missing or a
 * guard refused.
 */
export async function moveAccount(tx: Tx, m: Movement): Promise<AccountChange | undefined> {
  const statement = preparedOnce(tx, `move:${m.side}:${m.mode}`, (q) => {
    const amount = sql.placeholder('amount');
    let set: Partial<Record<'debitsPosted' | 'creditsPosted' | 'debitsPending' | 'creditsPending' | 'entryCount', SQL>>;
    let guard: SQL;
    if (m.side === 'debit') {
      const column = m.mode === 'posted' ? a.debitsPosted : a.debitsPending;
      set = m.mode === 'posted' ? { debitsPosted: plus(column, amount), entryCount: plus(a.entryCount, one) } : { debitsPending: plus(column, amount) };
      guard = sql`${withinLimit(amount)} AND ${fits(column, amount)}`;
    } else {
      const column = m.mode === 'posted' ? a.creditsPosted : a.creditsPending;
      set = m.mode === 'posted' ? { creditsPosted: plus(column, amount), entryCount: plus(a.entryCount, one) } : { creditsPending: plus(column, amount) };
      guard = sql`${fits(column, amount)} AND ${withinWalletCap(amount, sql.placeholder('walletCap'))}`;
    }
    return q.update(a).set(set).where(and(eq(a.code, sql.placeholder('code')), guard)).returning(change);
  });
  const [row] = await statement.execute({ code: m.code, amount: m.amount, walletCap: m.walletCap });
  return row;
}

/**
 * Takes back a movement made by moveAccount in this same transaction, when the transfer's other
 * side was refused: the caller may catch the refusal and go on, so nothing of it may stay. The
 * transaction holds the row, so this is exact.
 */
export async function undoMovement(tx: Tx, m: Movement, accountId: number): Promise<void> {
  const set =
    m.side === 'debit'
      ? m.mode === 'posted'
        ? { debitsPosted: minus(a.debitsPosted, m.amount), entryCount: minus(a.entryCount, one) }
        : { debitsPending: minus(a.debitsPending, m.amount) }
      : m.mode === 'posted'
        ? { creditsPosted: minus(a.creditsPosted, m.amount), entryCount: minus(a.entryCount, one) }
        : { creditsPending: minus(a.creditsPending, m.amount) };
  await tx.update(a).set(set).where(eq(a.id, accountId));
}

/**
 * Settles one side of a pending transfer on account `accountId`. Posting moves pending to posted:
 * the debit side's available balance is unchanged (the hold already reduced it), so no limit test
 * is needed; nor a wallet cap test on the credit side (the cap counted the pending credit when it
 * was made). Voiding gives the pending amount back. Either way the account gets a history entry.
 */
export async function settleAccount(tx: Tx, side: Side, outcome: 'post' | 'void', accountId: number, amount: bigint): Promise<AccountChange | undefined> {
  const entry = plus(a.entryCount, one);
  const where = eq(a.id, accountId);
  const query =
    side === 'debit'
      ? outcome === 'post'
        ? tx
            .update(a)
            .set({ debitsPending: minus(a.debitsPending, amount), debitsPosted: plus(a.debitsPosted, amount), entryCount: entry })
            .where(and(where, fits(a.debitsPosted, amount)))
        : tx.update(a).set({ debitsPending: minus(a.debitsPending, amount), entryCount: entry }).where(where)
      : outcome === 'post'
        ? tx
            .update(a)
            .set({ creditsPending: minus(a.creditsPending, amount), creditsPosted: plus(a.creditsPosted, amount), entryCount: entry })
            .where(and(where, fits(a.creditsPosted, amount)))
        : tx.update(a).set({ creditsPending: minus(a.creditsPending, amount), entryCount: entry }).where(where);
  const [row] = await query.returning(change);
  return row;
}

/** A column read as a number; AccountTotalOutOfRangeError unless it is a safe integer. */
function exactNumber(code: string, column: string, value: number): number {
  if (!Number.isSafeInteger(value)) throw new AccountTotalOutOfRangeError(code, column);
  return value;
}

/**
 * The account's balance columns, or undefined; never an inexact number (a damaged row holding
 * more than 2^53, or a fraction, throws AccountTotalOutOfRangeError).
 */
export async function readAccount(q: Query, code: string): Promise<AccountBalanceRow | undefined> {
  const [row] = await q
    .select({
      id: a.id,
      kind: a.kind,
      debitsPosted: a.debitsPosted,
      creditsPosted: a.creditsPosted,
      debitsPending: a.debitsPending,
      creditsPending: a.creditsPending,
      negativeLimit: a.negativeLimit,
      entryCount: a.entryCount,
    })
    .from(a)
    .where(eq(a.code, code));
  if (!row) return undefined;
  const column = (name: 'debitsPosted' | 'creditsPosted' | 'debitsPending' | 'creditsPending' | 'entryCount') => exactNumber(code, name, row[name]);
  return {
    id: row.id,
    kind: row.kind,
    debitsPosted: column('debitsPosted'),
    creditsPosted: column('creditsPosted'),
    debitsPending: column('debitsPending'),
    creditsPending: column('creditsPending'),
    negativeLimit: row.negativeLimit === null ? null : exactNumber(code, 'negativeLimit', row.negativeLimit),
    entryCount: column('entryCount'),
  };
}
