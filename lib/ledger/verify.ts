import { sqlite } from '@/db/client';

export type LedgerVerification = {
  ok: boolean;
  /** One sentence per problem found (at most 100 are listed). */
  problems: string[];
  accounts: number;
  transfers: number;
  entries: number;
  /** Σ (credits_posted − debits_posted) over all accounts of each currency: 0 when balanced. */
  totalsByCurrency: Record<string, number>;
  /** Σ posted balances of customer wallets per currency: what the shop owes its shoppers. */
  walletBalancesByCurrency: Record<string, number>;
};

/** A stored integer read with safeIntegers (BigInt); a REAL someone wrote stays a number. */
type Stored = bigint | number;

type AccountCheck = {
  id: Stored;
  code: string;
  kind: 'wallet' | 'system';
  currency: string;
  debits_posted: Stored;
  credits_posted: Stored;
  debits_pending: Stored;
  credits_pending: Stored;
  negative_limit: Stored | null;
  entry_count: Stored;
  expected_debits_posted: Stored;
  expected_credits_posted: Stored;
  expected_debits_pending: Stored;
  expected_credits_pending: Stored;
  entries: Stored;
  lowest_position: Stored | null;
  highest_position: Stored | null;
  delta_total: Stored;
  last_balance: Stored | null;
};

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

const maxProblems = 100;

/**
 * Recomputes the ledger from its transfers and reports every inconsistency: account columns
 * against their transfers, Σ balances per currency (posted and pending) = 0, wallets within
 * their limit, dense entry positions with a consistent balance_after chain, entries matching
 * their transfers, one currency per transfer, unique and gapless WT/<year>/<n> references,
 * every amount an INTEGER within Number.MAX_SAFE_INTEGER. Sums are taken as BigInt and a check
 * that cannot run is reported, so a damaged file gives a report, never a crash.
 * Reads one snapshot; a full scan, meant for the verify command and tests, not requests.
 */
export function verifyLedger(): LedgerVerification {
  return sqlite.transaction(readAndCheck).deferred();
}

function prepareQueries() {
  return {
    accounts: sqlite.prepare<[], AccountCheck>(
      `WITH debits AS (
         SELECT debit_account_id AS id,
           SUM(CASE WHEN state = 'posted' THEN amount ELSE 0 END) AS posted,
           SUM(CASE WHEN state = 'pending' THEN amount ELSE 0 END) AS pending
         FROM ledger_transfers GROUP BY debit_account_id),
       credits AS (
         SELECT credit_account_id AS id,
           SUM(CASE WHEN state = 'posted' THEN amount ELSE 0 END) AS posted,
           SUM(CASE WHEN state = 'pending' THEN amount ELSE 0 END) AS pending
         FROM ledger_transfers GROUP BY credit_account_id),
       entries AS (
         SELECT account_id AS id, COUNT(*) AS n, MIN(position) AS lowest, MAX(position) AS highest,
           SUM(delta) AS delta_total
         FROM ledger_entries GROUP BY account_id)
       SELECT a.id, a.code, a.kind, a.currency, a.debits_posted, a.credits_posted, a.debits_pending,
         a.credits_pending, a.negative_limit, a.entry_count,
         COALESCE(d.posted, 0) AS expected_debits_posted, COALESCE(c.posted, 0) AS expected_credits_posted,
         COALESCE(d.pending, 0) AS expected_debits_pending, COALESCE(c.pending, 0) AS expected_credits_pending,
         COALESCE(e.n, 0) AS entries, e.lowest AS lowest_position, e.highest AS highest_position,
         COALESCE(e.delta_total, 0) AS delta_total,
         (SELECT balance_after FROM ledger_entries WHERE account_id = a.id AND position = a.entry_count) AS last_balance
       FROM ledger_accounts a
       LEFT JOIN debits d ON d.id = a.id
       LEFT JOIN credits c ON c.id = a.id
       LEFT JOIN entries e ON e.id = a.id
       ORDER BY a.id`,
    ).safeIntegers(true),
    // better-sqlite3 binds JS numbers as REAL; such a value, or one past 2^53, is never exact in JS.
    inexactAmounts: sqlite.prepare<[], { place: string; count: number }>(
      [
        ['ledger_transfers', 'amount'],
        ['ledger_entries', 'delta'],
        ['ledger_entries', 'balance_after'],
        ['ledger_accounts', 'debits_posted'],
        ['ledger_accounts', 'credits_posted'],
        ['ledger_accounts', 'debits_pending'],
        ['ledger_accounts', 'credits_pending'],
        ['ledger_accounts', 'negative_limit'],
      ]
        .map(
          ([table, column]) =>
            `SELECT '${table}.${column}' AS place, COUNT(*) AS count FROM ${table}
             WHERE typeof(${column}) NOT IN ('integer', 'null') OR ABS(${column}) > ${maxSafe}`,
        )
        .join(' UNION ALL '),
    ),
    orphanEntries: sqlite.prepare<[], { count: number }>(
      `SELECT COUNT(*) AS count FROM ledger_entries WHERE account_id NOT IN (SELECT id FROM ledger_accounts)`,
    ),
    brokenChain: sqlite.prepare<[], { account_id: Stored; position: Stored; delta: Stored; balance_after: Stored; previous: Stored }>(
      `SELECT account_id, position, delta, balance_after, previous FROM (
         SELECT account_id, position, delta, balance_after,
           LAG(balance_after, 1, 0) OVER (PARTITION BY account_id ORDER BY position) AS previous
         FROM ledger_entries)
       WHERE balance_after <> previous + delta LIMIT ${maxProblems}`,
    ).safeIntegers(true),
    mismatchedEntries: sqlite.prepare<[], { id: number; account_id: number; transfer_id: number }>(
      `SELECT e.id, e.account_id, e.transfer_id FROM ledger_entries e
       LEFT JOIN ledger_transfers t ON t.id = e.transfer_id
       WHERE t.id IS NULL OR NOT (
         (t.state = 'posted' AND ((e.account_id = t.credit_account_id AND e.delta = t.amount)
                                OR (e.account_id = t.debit_account_id AND e.delta = -t.amount)))
         OR (t.state = 'voided' AND e.delta = 0 AND e.account_id IN (t.debit_account_id, t.credit_account_id)))
       LIMIT ${maxProblems}`,
    ),
    transfersWithWrongEntries: sqlite.prepare<[], { id: number; state: string; entries: number; sides: number }>(
      `SELECT t.id, t.state, COUNT(e.id) AS entries, COUNT(DISTINCT e.account_id) AS sides
       FROM ledger_transfers t LEFT JOIN ledger_entries e ON e.transfer_id = t.id
       GROUP BY t.id
       HAVING entries <> CASE WHEN t.state = 'pending' THEN 0 ELSE 2 END OR sides <> entries
       LIMIT ${maxProblems}`,
    ),
    badTransfers: sqlite.prepare<[], { id: number; reference: string }>(
      `SELECT t.id, t.reference FROM ledger_transfers t
       LEFT JOIN ledger_accounts d ON d.id = t.debit_account_id
       LEFT JOIN ledger_accounts c ON c.id = t.credit_account_id
       WHERE d.id IS NULL OR c.id IS NULL OR d.currency <> t.currency OR c.currency <> t.currency
         OR t.debit_account_id = t.credit_account_id OR t.amount <= 0
         OR t.state NOT IN ('pending', 'posted', 'voided')
         OR (t.state = 'posted') <> (t.posted_at IS NOT NULL)
         OR (t.state = 'voided') <> (t.voided_at IS NOT NULL)
       LIMIT ${maxProblems}`,
    ),
    referenceYears: sqlite.prepare<[], { year: string; count: number; distinct_numbers: number; highest: number; last_value: number | null; malformed: number }>(
      `SELECT substr(reference, 4, 4) AS year, COUNT(*) AS count,
         COUNT(DISTINCT reference) AS distinct_numbers,
         MAX(CAST(substr(reference, 9) AS INTEGER)) AS highest,
         (SELECT last_value FROM sequences WHERE name = 'WT/' || substr(t.reference, 4, 4)) AS last_value,
         SUM(reference NOT GLOB 'WT/[0-9][0-9][0-9][0-9]/[0-9][0-9][0-9][0-9][0-9][0-9]*') AS malformed
       FROM ledger_transfers t GROUP BY year ORDER BY year`,
    ),
  };
}

let prepared: ReturnType<typeof prepareQueries> | undefined;

/** A stored value as an exact BigInt, or undefined for a fraction (a REAL someone wrote). */
function exact(value: Stored | null): bigint | undefined {
  if (value === null) return 0n;
  if (typeof value === 'bigint') return value;
  return Number.isInteger(value) ? BigInt(value) : undefined;
}

/** A BigInt total as the number the result carries (inexact only where a problem is reported). */
function totals(sums: Map<string, bigint>): Record<string, number> {
  return Object.fromEntries([...sums].map(([currency, total]) => [currency, Number(total)]));
}

function add(sums: Map<string, bigint>, currency: string, amount: bigint): void {
  sums.set(currency, (sums.get(currency) ?? 0n) + amount);
}

type Report = (problem: string) => void;

/** Runs one check; a check that throws (e.g. SUM past 64 bits) becomes a reported problem. */
function attempt(name: string, report: Report, check: () => void): void {
  try {
    check();
  } catch (error) {
    report(`The ${name} check could not run: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

type Sums = { posted: Map<string, bigint>; pending: Map<string, bigint>; wallets: Map<string, bigint>; entries: number };

function checkAccount(a: AccountCheck, sums: Sums, report: Report): void {
  const columns = [
    ['debits_posted', exact(a.debits_posted), exact(a.expected_debits_posted)],
    ['credits_posted', exact(a.credits_posted), exact(a.expected_credits_posted)],
    ['debits_pending', exact(a.debits_pending), exact(a.expected_debits_pending)],
    ['credits_pending', exact(a.credits_pending), exact(a.expected_credits_pending)],
  ] as const;
  for (const [column, actual, expected] of columns) {
    if (actual === undefined || expected === undefined) {
      report(`${a.code}: ${column} or the sum of its transfers is not a whole number (REAL values).`);
      return;
    }
    if (actual !== expected) report(`${a.code}: ${column} is ${actual} but its transfers sum to ${expected}.`);
    if (actual > maxSafe) report(`${a.code}: ${column} ${actual} is beyond the exact integer range (2^53 − 1).`);
  }
  // All four are whole numbers here: the loop above returned otherwise.
  const debitsPosted = exact(a.debits_posted) ?? 0n;
  const creditsPosted = exact(a.credits_posted) ?? 0n;
  const debitsPending = exact(a.debits_pending) ?? 0n;
  const creditsPending = exact(a.credits_pending) ?? 0n;
  const posted = creditsPosted - debitsPosted;
  const available = posted - debitsPending;
  const limit = exact(a.negative_limit);
  if (a.negative_limit !== null && limit !== undefined && available < -limit) {
    report(`${a.code}: available ${available} is below its limit of -${limit}.`);
  }
  if (a.kind === 'wallet' && a.negative_limit === null) report(`${a.code}: a wallet without a limit.`);
  const entries = exact(a.entries) ?? 0n;
  if (entries !== exact(a.entry_count)) report(`${a.code}: entry_count is ${a.entry_count} but it has ${entries} entries.`);
  if (entries > 0n && (exact(a.lowest_position) !== 1n || exact(a.highest_position) !== entries)) {
    report(`${a.code}: entry positions run ${a.lowest_position}…${a.highest_position} for ${entries} entries.`);
  }
  const deltaTotal = exact(a.delta_total);
  if (deltaTotal !== posted) report(`${a.code}: its entries add up to ${a.delta_total}, its posted balance is ${posted}.`);
  if (exact(a.last_balance) !== posted) {
    report(`${a.code}: the last entry's balance is ${a.last_balance ?? 0}, the account's is ${posted}.`);
  }
  add(sums.posted, a.currency, posted);
  add(sums.pending, a.currency, creditsPending - debitsPending);
  if (a.kind === 'wallet') add(sums.wallets, a.currency, posted);
  sums.entries += Number(entries);
}

function readAndCheck(): LedgerVerification {
  prepared ??= prepareQueries();
  const queries = prepared;
  const problems: string[] = [];
  const report: Report = (problem) => {
    if (problems.length < maxProblems) problems.push(problem);
    else if (problems.length === maxProblems) problems.push('… more problems not listed.');
  };

  const sums: Sums = { posted: new Map(), pending: new Map(), wallets: new Map(), entries: 0 };
  let accountCount = 0;
  attempt('account', report, () => {
    const accounts = queries.accounts.all();
    accountCount = accounts.length;
    for (const a of accounts) checkAccount(a, sums, report);
  });
  for (const [currency, total] of sums.posted) {
    if (total !== 0n) report(`${currency}: posted balances of all accounts sum to ${total}, not 0.`);
  }
  for (const [currency, total] of sums.pending) {
    if (total !== 0n) report(`${currency}: pending balances of all accounts sum to ${total}, not 0.`);
  }
  for (const [currency, total] of sums.wallets) {
    if (total > maxSafe || total < -maxSafe) report(`${currency}: wallets hold ${total} in all, beyond the exact integer range.`);
  }

  attempt('amount type', report, () => {
    for (const { place, count } of queries.inexactAmounts.all()) {
      if (count > 0) report(`${count} value(s) of ${place} are REAL or beyond the exact integer range.`);
    }
  });

  attempt('entry', report, () => {
    const orphanEntries = queries.orphanEntries.get();
    if (orphanEntries && orphanEntries.count > 0) report(`${orphanEntries.count} entries belong to no account.`);
    for (const e of queries.brokenChain.all()) {
      report(`Account ${e.account_id} entry ${e.position}: ${e.previous} + ${e.delta} ≠ balance_after ${e.balance_after}.`);
    }
    for (const e of queries.mismatchedEntries.all()) {
      report(`Entry ${e.id} (account ${e.account_id}) does not match transfer ${e.transfer_id}.`);
    }
  });

  attempt('transfer', report, () => {
    for (const t of queries.transfersWithWrongEntries.all()) {
      report(`Transfer ${t.id} (${t.state}) has ${t.entries} entries on ${t.sides} accounts.`);
    }
    for (const t of queries.badTransfers.all()) {
      report(`Transfer ${t.id} (${t.reference}): accounts, currency, amount or state dates are inconsistent.`);
    }
  });

  let transferCount = 0;
  attempt('reference', report, () => {
    for (const y of queries.referenceYears.all()) {
      transferCount += y.count;
      if (y.malformed > 0) report(`${y.malformed} references of ${y.year} are not of the form WT/<year>/<number>.`);
      if (y.distinct_numbers !== y.count) report(`References of ${y.year} are not unique.`);
      if (y.highest !== y.count || y.last_value !== y.count) {
        report(`References of ${y.year}: ${y.count} transfers, highest number ${y.highest}, sequence at ${y.last_value ?? 'none'}.`);
      }
    }
  });

  return {
    ok: problems.length === 0,
    problems,
    accounts: accountCount,
    transfers: transferCount,
    entries: sums.entries,
    totalsByCurrency: totals(sums.posted),
    walletBalancesByCurrency: totals(sums.wallets),
  };
}
