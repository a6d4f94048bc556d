import { count, countDistinct, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { ledgerAccounts, ledgerEntries, ledgerTransfers, sequences } from '@/db/schema';

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

// Every amount and sum is read as text (CAST … AS TEXT, on either engine) and parsed as a BigInt:
// exact whatever the size, and a value that is not a whole number (a REAL written into a SQLite
// file behind the ledger's back reads as '0.5' or '5.0') cannot pass for one.
type Text = string | null;

const a = ledgerAccounts;
const t = ledgerTransfers;
const e = ledgerEntries;

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);
const maxSafeLiteral = sql.raw(String(Number.MAX_SAFE_INTEGER));
const maxProblems = 100;

const asText = (value: SQLWrapper | SQL) => sql<Text>`cast(${value} as text)`;
const sumWhen = (state: 'posted' | 'pending') => sql`sum(case when ${t.state} = ${state} then ${t.amount} else 0 end)`;

/** A value read as text as an exact BigInt (null: 0), or undefined when it is not a whole number. */
function exact(value: Text): bigint | undefined {
  if (value === null) return 0n;
  return /^-?\d+$/.test(value) ? BigInt(value) : undefined;
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
async function attempt(name: string, report: Report, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    report(`The ${name} check could not run: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}${cause}.`);
  }
}

/**
 * Every account with what its transfers and entries say it should hold: one statement, so one
 * consistent view on either engine even while transfers go on.
 */
function readAccounts(q: Query) {
  const debits = q
    .select({ id: t.debitAccountId, posted: asText(sumWhen('posted')).as('debit_posted'), pending: asText(sumWhen('pending')).as('debit_pending') })
    .from(t)
    .groupBy(t.debitAccountId)
    .as('d');
  const credits = q
    .select({ id: t.creditAccountId, posted: asText(sumWhen('posted')).as('credit_posted'), pending: asText(sumWhen('pending')).as('credit_pending') })
    .from(t)
    .groupBy(t.creditAccountId)
    .as('c');
  const entries = q
    .select({
      id: e.accountId,
      n: asText(sql`count(*)`).as('entry_n'),
      lowest: asText(sql`min(${e.position})`).as('entry_lowest'),
      highest: asText(sql`max(${e.position})`).as('entry_highest'),
      deltaTotal: asText(sql`sum(${e.delta})`).as('entry_delta_total'),
    })
    .from(e)
    .groupBy(e.accountId)
    .as('e');
  return q
    .select({
      id: a.id,
      code: a.code,
      kind: a.kind,
      currency: a.currency,
      debitsPosted: asText(a.debitsPosted),
      creditsPosted: asText(a.creditsPosted),
      debitsPending: asText(a.debitsPending),
      creditsPending: asText(a.creditsPending),
      negativeLimit: asText(a.negativeLimit),
      entryCount: asText(a.entryCount),
      expectedDebitsPosted: sql<Text>`${debits.posted}`,
      expectedCreditsPosted: sql<Text>`${credits.posted}`,
      expectedDebitsPending: sql<Text>`${debits.pending}`,
      expectedCreditsPending: sql<Text>`${credits.pending}`,
      entries: sql<Text>`${entries.n}`,
      lowestPosition: sql<Text>`${entries.lowest}`,
      highestPosition: sql<Text>`${entries.highest}`,
      deltaTotal: sql<Text>`${entries.deltaTotal}`,
      lastBalance: sql<Text>`(select cast(le.balance_after as text) from ledger_entries le where le.account_id = ${a.id} and le.position = ${a.entryCount})`,
    })
    .from(a)
    .leftJoin(debits, eq(debits.id, a.id))
    .leftJoin(credits, eq(credits.id, a.id))
    .leftJoin(entries, eq(entries.id, a.id))
    .orderBy(a.id);
}

type AccountCheck = Awaited<ReturnType<typeof readAccounts>>[number];

type Sums = { posted: Map<string, bigint>; pending: Map<string, bigint>; wallets: Map<string, bigint>; entries: number };

function checkAccount(row: AccountCheck, sums: Sums, report: Report): void {
  const columns = [
    ['debits_posted', exact(row.debitsPosted), exact(row.expectedDebitsPosted)],
    ['credits_posted', exact(row.creditsPosted), exact(row.expectedCreditsPosted)],
    ['debits_pending', exact(row.debitsPending), exact(row.expectedDebitsPending)],
    ['credits_pending', exact(row.creditsPending), exact(row.expectedCreditsPending)],
  ] as const;
  for (const [column, actual, expected] of columns) {
    if (actual === undefined || expected === undefined) {
      report(`${row.code}: ${column} or the sum of its transfers is not a whole number (REAL values).`);
      return;
    }
    if (actual !== expected) report(`${row.code}: ${column} is ${actual} but its transfers sum to ${expected}.`);
    if (actual > maxSafe) report(`${row.code}: ${column} ${actual} is beyond the exact integer range (2^53 − 1).`);
  }
  // All four are whole numbers here: the loop above returned otherwise.
  const [debitsPosted, creditsPosted, debitsPending, creditsPending] = columns.map(([, actual]) => actual ?? 0n) as [bigint, bigint, bigint, bigint];
  const posted = creditsPosted - debitsPosted;
  const available = posted - debitsPending;
  const limit = exact(row.negativeLimit);
  if (row.negativeLimit !== null && limit !== undefined && available < -limit) {
    report(`${row.code}: available ${available} is below its limit of -${limit}.`);
  }
  if (row.kind === 'wallet' && row.negativeLimit === null) report(`${row.code}: a wallet without a limit.`);
  const entries = exact(row.entries) ?? 0n;
  if (entries !== exact(row.entryCount)) report(`${row.code}: entry_count is ${row.entryCount} but it has ${entries} entries.`);
  if (entries > 0n && (exact(row.lowestPosition) !== 1n || exact(row.highestPosition) !== entries)) {
    report(`${row.code}: entry positions run ${row.lowestPosition}…${row.highestPosition} for ${entries} entries.`);
  }
  if (exact(row.deltaTotal) !== posted) report(`${row.code}: its entries add up to ${row.deltaTotal ?? 0}, its posted balance is ${posted}.`);
  if (exact(row.lastBalance) !== posted) {
    report(`${row.code}: the last entry's balance is ${row.lastBalance ?? 0}, the account's is ${posted}.`);
  }
  add(sums.posted, row.currency, posted);
  add(sums.pending, row.currency, creditsPending - debitsPending);
  if (row.kind === 'wallet') add(sums.wallets, row.currency, posted);
  sums.entries += Number(entries);
}

/** How many values of each amount column are not whole numbers or lie beyond ±(2^53 − 1). */
async function inexactAmounts(q: Query): Promise<{ place: string; count: number }[]> {
  // A REAL reads back as text with a '.' on SQLite ('5.0', '1.0e+20'); an integer never does.
  const inexact = (column: SQLWrapper) =>
    sql<number>`coalesce(sum(case when cast(${column} as text) like '%.%' or abs(${column}) > ${maxSafeLiteral} then 1 else 0 end), 0)`.mapWith(Number);
  const [transfers] = await q.select({ amount: inexact(t.amount) }).from(t);
  const [entries] = await q.select({ delta: inexact(e.delta), balanceAfter: inexact(e.balanceAfter) }).from(e);
  const [accounts] = await q
    .select({
      debitsPosted: inexact(a.debitsPosted),
      creditsPosted: inexact(a.creditsPosted),
      debitsPending: inexact(a.debitsPending),
      creditsPending: inexact(a.creditsPending),
      negativeLimit: inexact(a.negativeLimit),
    })
    .from(a);
  return [
    { place: 'ledger_transfers.amount', count: transfers?.amount ?? 0 },
    { place: 'ledger_entries.delta', count: entries?.delta ?? 0 },
    { place: 'ledger_entries.balance_after', count: entries?.balanceAfter ?? 0 },
    { place: 'ledger_accounts.debits_posted', count: accounts?.debitsPosted ?? 0 },
    { place: 'ledger_accounts.credits_posted', count: accounts?.creditsPosted ?? 0 },
    { place: 'ledger_accounts.debits_pending', count: accounts?.debitsPending ?? 0 },
    { place: 'ledger_accounts.credits_pending', count: accounts?.creditsPending ?? 0 },
    { place: 'ledger_accounts.negative_limit', count: accounts?.negativeLimit ?? 0 },
  ];
}

/** Entries whose balance_after is not the previous entry's plus their delta. */
function brokenChain(q: Query) {
  const chain = q
    .select({
      accountId: e.accountId,
      position: e.position,
      delta: e.delta,
      balanceAfter: e.balanceAfter,
      previous: sql`coalesce(lag(${e.balanceAfter}) over (partition by ${e.accountId} order by ${e.position}), 0)`.as('previous'),
    })
    .from(e)
    .as('chain');
  return q
    .select({
      accountId: chain.accountId,
      position: asText(chain.position),
      delta: asText(chain.delta),
      balanceAfter: asText(chain.balanceAfter),
      previous: asText(chain.previous),
    })
    .from(chain)
    .where(sql`${chain.balanceAfter} <> ${chain.previous} + ${chain.delta}`)
    .limit(maxProblems);
}

/** Entries that do not match their transfer (side, sign and amount), or have none. */
function mismatchedEntries(q: Query) {
  return q
    .select({ id: e.id, accountId: e.accountId, transferId: e.transferId })
    .from(e)
    .leftJoin(t, eq(t.id, e.transferId))
    .where(
      sql`${t.id} is null or not (
        (${t.state} = 'posted' and ((${e.accountId} = ${t.creditAccountId} and ${e.delta} = ${t.amount})
                                 or (${e.accountId} = ${t.debitAccountId} and ${e.delta} = -${t.amount})))
        or (${t.state} = 'voided' and ${e.delta} = 0 and ${e.accountId} in (${t.debitAccountId}, ${t.creditAccountId})))`,
    )
    .limit(maxProblems);
}

/** Transfers without exactly one entry per side once final (none while pending). */
function transfersWithWrongEntries(q: Query) {
  return q
    .select({ id: t.id, state: t.state, entries: count(e.id), sides: countDistinct(e.accountId) })
    .from(t)
    .leftJoin(e, eq(e.transferId, t.id))
    .groupBy(t.id)
    .having(
      sql`count(${e.id}) <> case when ${t.state} = 'pending' then 0 else 2 end or count(distinct ${e.accountId}) <> count(${e.id})`,
    )
    .limit(maxProblems);
}

/** Transfers whose accounts, currency, amount or state dates do not fit together. */
function badTransfers(q: Query) {
  const currencyOf = (accountId: SQLWrapper) => sql`coalesce((select la.currency from ledger_accounts la where la.id = ${accountId}), '')`;
  return q
    .select({ id: t.id, reference: t.reference })
    .from(t)
    .where(
      sql`${currencyOf(t.debitAccountId)} <> ${t.currency} or ${currencyOf(t.creditAccountId)} <> ${t.currency}
        or ${t.debitAccountId} = ${t.creditAccountId} or ${t.amount} <= 0
        or ${t.state} not in ('pending', 'posted', 'voided')
        or (${t.state} = 'posted') <> (${t.postedAt} is not null)
        or (${t.state} = 'voided') <> (${t.voidedAt} is not null)`,
    )
    .limit(maxProblems);
}

/** Per year of WT/<year>/<n>: how many transfers, distinct references, the highest number, the counter. */
function referenceYears(q: Query) {
  const r = t.reference;
  // Portable: substr, length and ltrim(text, characters) mean the same on both engines.
  const wellFormed = sql`substr(${r}, 1, 3) = 'WT/' and substr(${r}, 8, 1) = '/' and length(${r}) >= 14
    and ltrim(substr(${r}, 4, 4), '0123456789') = '' and ltrim(substr(${r}, 9), '0123456789') = ''`;
  const references = q
    .select({
      year: sql<string>`substr(${r}, 4, 4)`.as('year'),
      reference: sql<string>`${r}`.as('reference'),
      number: sql`case when ${wellFormed} then cast(substr(${r}, 9) as bigint) end`.as('number'),
      malformed: sql`case when ${wellFormed} then 0 else 1 end`.as('malformed'),
    })
    .from(t)
    .as('r');
  return q
    .select({
      year: references.year,
      count: asText(sql`count(*)`),
      distinctNumbers: asText(sql`count(distinct ${references.reference})`),
      highest: asText(sql`max(${references.number})`),
      malformed: asText(sql`sum(${references.malformed})`),
      lastValue: asText(sql`max(${sequences.lastValue})`),
    })
    .from(references)
    .leftJoin(sequences, eq(sequences.name, sql`'WT/' || ${references.year}`))
    .groupBy(sql`${references.year}`)
    .orderBy(sql`${references.year}`);
}

/**
 * Recomputes the ledger from its transfers and reports every inconsistency: account columns
 * against their transfers, Σ balances per currency (posted and pending) = 0, wallets within
 * their limit, dense entry positions with a consistent balance_after chain, entries matching
 * their transfers, one currency per transfer, unique and gapless WT/<year>/<n> references,
 * every amount a whole number within Number.MAX_SAFE_INTEGER. Sums are taken as BigInt and a
 * check that cannot run is reported, so a damaged database gives a report, never a crash.
 * Each check is one statement (one consistent view); a full scan, meant for the verify command
 * and tests, not requests. Runs the same on SQLite and PostgreSQL.
 */
export async function verifyLedger(q: Query): Promise<LedgerVerification> {
  const problems: string[] = [];
  const report: Report = (problem) => {
    if (problems.length < maxProblems) problems.push(problem);
    else if (problems.length === maxProblems) problems.push('… more problems not listed.');
  };

  const sums: Sums = { posted: new Map(), pending: new Map(), wallets: new Map(), entries: 0 };
  let accountCount = 0;
  await attempt('account', report, async () => {
    const accounts = await readAccounts(q);
    accountCount = accounts.length;
    for (const row of accounts) checkAccount(row, sums, report);
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

  await attempt('amount type', report, async () => {
    for (const { place, count: n } of await inexactAmounts(q)) {
      if (n > 0) report(`${n} value(s) of ${place} are REAL or beyond the exact integer range.`);
    }
  });

  await attempt('entry', report, async () => {
    const [orphans] = await q
      .select({ n: count() })
      .from(e)
      .where(sql`${e.accountId} not in (select la.id from ledger_accounts la)`);
    if (orphans && orphans.n > 0) report(`${orphans.n} entries belong to no account.`);
    for (const row of await brokenChain(q)) {
      report(`Account ${row.accountId} entry ${row.position}: ${row.previous} + ${row.delta} ≠ balance_after ${row.balanceAfter}.`);
    }
    for (const row of await mismatchedEntries(q)) {
      report(`Entry ${row.id} (account ${row.accountId}) does not match transfer ${row.transferId}.`);
    }
  });

  await attempt('transfer', report, async () => {
    for (const row of await transfersWithWrongEntries(q)) {
      report(`Transfer ${row.id} (${row.state}) has ${row.entries} entries on ${row.sides} accounts.`);
    }
    for (const row of await badTransfers(q)) {
      report(`Transfer ${row.id} (${row.reference}): accounts, currency, amount or state dates are inconsistent.`);
    }
  });

  let transferCount = 0;
  await attempt('reference', report, async () => {
    for (const y of await referenceYears(q)) {
      const n = Number(y.count);
      transferCount += n;
      const malformed = Number(y.malformed ?? 0);
      if (malformed > 0) report(`${malformed} references of ${y.year} are not of the form WT/<year>/<number>.`);
      if (Number(y.distinctNumbers) !== n) report(`References of ${y.year} are not unique.`);
      if (Number(y.highest) !== n || Number(y.lastValue) !== n) {
        report(`References of ${y.year}: ${n} transfers, highest number ${y.highest}, sequence at ${y.lastValue ?? 'none'}.`);
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
