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

type AccountCheck = {
  id: number;
  code: string;
  kind: 'wallet' | 'system';
  currency: string;
  debits_posted: number;
  credits_posted: number;
  debits_pending: number;
  credits_pending: number;
  negative_limit: number | null;
  entry_count: number;
  expected_debits_posted: number;
  expected_credits_posted: number;
  expected_debits_pending: number;
  expected_credits_pending: number;
  entries: number;
  lowest_position: number | null;
  highest_position: number | null;
  delta_total: number;
  last_balance: number | null;
};

const maxProblems = 100;

/**
 * Recomputes the ledger from its transfers and reports every inconsistency: account columns
 * against their transfers, Σ balances per currency (posted and pending) = 0, wallets within
 * their limit, dense entry positions with a consistent balance_after chain, entries matching
 * their transfers, one currency per transfer, unique and gapless WT/<year>/<n> references.
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
    ),
    orphanEntries: sqlite.prepare<[], { count: number }>(
      `SELECT COUNT(*) AS count FROM ledger_entries WHERE account_id NOT IN (SELECT id FROM ledger_accounts)`,
    ),
    brokenChain: sqlite.prepare<[], { account_id: number; position: number; delta: number; balance_after: number; previous: number }>(
      `SELECT account_id, position, delta, balance_after, previous FROM (
         SELECT account_id, position, delta, balance_after,
           LAG(balance_after, 1, 0) OVER (PARTITION BY account_id ORDER BY position) AS previous
         FROM ledger_entries)
       WHERE balance_after <> previous + delta LIMIT ${maxProblems}`,
    ),
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

function readAndCheck(): LedgerVerification {
  prepared ??= prepareQueries();
  const queries = prepared;
  const problems: string[] = [];
  const report = (problem: string) => {
    if (problems.length < maxProblems) problems.push(problem);
    else if (problems.length === maxProblems) problems.push('… more problems not listed.');
  };

  const accounts = queries.accounts.all();

  const totalsByCurrency: Record<string, number> = {};
  const pendingByCurrency: Record<string, number> = {};
  const walletBalancesByCurrency: Record<string, number> = {};
  let entryCount = 0;
  for (const a of accounts) {
    const columns = [
      ['debits_posted', a.debits_posted, a.expected_debits_posted],
      ['credits_posted', a.credits_posted, a.expected_credits_posted],
      ['debits_pending', a.debits_pending, a.expected_debits_pending],
      ['credits_pending', a.credits_pending, a.expected_credits_pending],
    ] as const;
    for (const [column, actual, expected] of columns) {
      if (actual !== expected) report(`${a.code}: ${column} is ${actual} but its transfers sum to ${expected}.`);
    }
    const posted = a.credits_posted - a.debits_posted;
    const available = posted - a.debits_pending;
    if (a.negative_limit !== null && available < -a.negative_limit) {
      report(`${a.code}: available ${available} is below its limit of -${a.negative_limit}.`);
    }
    if (a.kind === 'wallet' && a.negative_limit === null) report(`${a.code}: a wallet without a limit.`);
    if (a.entries !== a.entry_count) report(`${a.code}: entry_count is ${a.entry_count} but it has ${a.entries} entries.`);
    if (a.entries > 0 && (a.lowest_position !== 1 || a.highest_position !== a.entries)) {
      report(`${a.code}: entry positions run ${a.lowest_position}…${a.highest_position} for ${a.entries} entries.`);
    }
    if (a.delta_total !== posted) report(`${a.code}: its entries add up to ${a.delta_total}, its posted balance is ${posted}.`);
    if ((a.last_balance ?? 0) !== posted) {
      report(`${a.code}: the last entry's balance is ${a.last_balance ?? 0}, the account's is ${posted}.`);
    }
    totalsByCurrency[a.currency] = (totalsByCurrency[a.currency] ?? 0) + posted;
    pendingByCurrency[a.currency] = (pendingByCurrency[a.currency] ?? 0) + a.credits_pending - a.debits_pending;
    if (a.kind === 'wallet') walletBalancesByCurrency[a.currency] = (walletBalancesByCurrency[a.currency] ?? 0) + posted;
    entryCount += a.entries;
  }
  for (const [currency, total] of Object.entries(totalsByCurrency)) {
    if (total !== 0) report(`${currency}: posted balances of all accounts sum to ${total}, not 0.`);
  }
  for (const [currency, total] of Object.entries(pendingByCurrency)) {
    if (total !== 0) report(`${currency}: pending balances of all accounts sum to ${total}, not 0.`);
  }

  const orphanEntries = queries.orphanEntries.get();
  if (orphanEntries && orphanEntries.count > 0) report(`${orphanEntries.count} entries belong to no account.`);

  const brokenChain = queries.brokenChain.all();
  for (const e of brokenChain) {
    report(`Account ${e.account_id} entry ${e.position}: ${e.previous} + ${e.delta} ≠ balance_after ${e.balance_after}.`);
  }

  const mismatchedEntries = queries.mismatchedEntries.all();
  for (const e of mismatchedEntries) {
    report(`Entry ${e.id} (account ${e.account_id}) does not match transfer ${e.transfer_id}.`);
  }

  const transfersWithWrongEntries = queries.transfersWithWrongEntries.all();
  for (const t of transfersWithWrongEntries) {
    report(`Transfer ${t.id} (${t.state}) has ${t.entries} entries on ${t.sides} accounts.`);
  }

  const badTransfers = queries.badTransfers.all();
  for (const t of badTransfers) {
    report(`Transfer ${t.id} (${t.reference}): accounts, currency, amount or state dates are inconsistent.`);
  }

  const referenceYears = queries.referenceYears.all();
  let transferCount = 0;
  for (const y of referenceYears) {
    transferCount += y.count;
    if (y.malformed > 0) report(`${y.malformed} references of ${y.year} are not of the form WT/<year>/<number>.`);
    if (y.distinct_numbers !== y.count) report(`References of ${y.year} are not unique.`);
    if (y.highest !== y.count || y.last_value !== y.count) {
      report(`References of ${y.year}: ${y.count} transfers, highest number ${y.highest}, sequence at ${y.last_value ?? 'none'}.`);
    }
  }

  return {
    ok: problems.length === 0,
    problems,
    accounts: accounts.length,
    transfers: transferCount,
    entries: entryCount,
    totalsByCurrency,
    walletBalancesByCurrency,
  };
}
