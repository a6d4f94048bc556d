// npm run bench:ledger — a benchmark, not a test. On one temporary database, with the app's store
// seam (SQLite: WAL, synchronous=FULL, one connection; PostgreSQL: the app's pg pool):
//  1. throughput: postTransfer between two funded wallets vs. the same work written by hand as
//     raw SQL over the same driver (better-sqlite3 prepared statements, or pg named prepared
//     statements on one connection): the limit of this machine; goal ratio ≥ 0.7;
//  2. history scale: a wallet with 1,000 entries vs one with 1,000,000: balance, first page and
//     deepest page of history; goal ratio large/small ≤ 1.5.
// BENCH_ENGINE=postgres runs it on PostgreSQL: DATABASE_URL when it is postgres://…, else a
// throwaway cluster (scripts/ensure-postgres.mjs) stopped at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const engine = process.env.BENCH_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
let folder: string | undefined;
let databaseFile: string | undefined;
let stopPostgres: (() => Promise<void>) | undefined;
if (engine === 'postgres') {
  if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) {
    const { startPostgres } = await import('../scripts/ensure-postgres.mjs');
    const server = await startPostgres();
    process.env.DATABASE_URL = server.url;
    stopPostgres = server.stop;
  }
} else {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bench-'));
  databaseFile = path.join(folder, 'bench.db');
  // Set before @/db is imported: the tables are chosen for the engine DATABASE_URL names.
  process.env.DATABASE_URL = databaseFile;
}

const { eq, sql } = await import('drizzle-orm');
const { getDatabase } = await import('@/db');
const { migrateDatabase } = await import('@/db/migrate');
const { ledgerAccounts, users } = await import('@/db/schema');
const ledger = await import('@/lib/ledger');
const { bulkWalletHistory } = await import('./history');
await migrateDatabase();
// The ledger runs through the store seam; the raw side uses the same driver (on SQLite, the same connection).
const database = getDatabase();

const transferCount = Number(process.env.BENCH_TRANSFERS ?? 10_000);
const smallHistory = 1_000;
const largeHistory = Number(process.env.BENCH_LARGE_HISTORY ?? 1_000_000);
const currency = 'USD';
const benchStarted = performance.now();

async function createUser(name: string): Promise<number> {
  const [row] = await database.write((tx) =>
    tx.insert(users).values({ email: `${name}@bench.invalid`, name, passwordHash: 'bench' }).returning({ id: users.id }),
  );
  if (!row) throw new Error('no user');
  return row.id;
}

async function fund(userId: number, amount: number): Promise<void> {
  await database.write((tx) => ledger.postTransfer(tx, {
    debit: { system: 'card_clearing', currency },
    credit: { wallet: userId, currency },
    amount,
    currency,
    kind: 'deposit_card',
    idempotencyKey: `fund-${userId}`,
    description: { code: 'text', params: { text: 'Bench funding' } },
  }));
}

async function accountId(userId: number): Promise<number> {
  const [row] = await database.read.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.code, `wallet:${userId}:${currency}`));
  return row?.id ?? 0;
}

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;
}

// ---- 1. Throughput -------------------------------------------------------------------------

const alice = await createUser('alice');
const bob = await createUser('bob');
const carol = await createUser('carol');
const dave = await createUser('dave');
const total = transferCount + 1_000;
// Every measured transfer moves 100 minor units ($1.00): fund enough for all of them (integers).
const transferAmount = 100;
await fund(alice, total * transferAmount);
await fund(carol, total * transferAmount);
await fund(bob, 1);
await fund(dave, 1);
const carolAccount = await accountId(carol);
const daveAccount = await accountId(dave);

let ledgerSeq = 0;
async function throughLedger(count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    ledgerSeq++;
    await database.write((tx) => ledger.postTransfer(tx, {
      debit: { wallet: alice, currency },
      credit: { wallet: bob, currency },
      amount: transferAmount,
      currency,
      kind: 'remittance_send',
      idempotencyKey: `ledger-${ledgerSeq}`,
      description: { code: 'text', params: { text: 'Bench transfer' } },
    }));
  }
  return performance.now() - started;
}

// The same work by hand: claim the key (unique insert), conditional debit, credit, reference,
// transfer row, the two entries, in one transaction per transfer (SQLite: BEGIN IMMEDIATE).
type RawSide = { transfer(seq: number): Promise<void>; bareCommit(): Promise<void>; close(): Promise<void> };

async function sqliteRaw(): Promise<RawSide> {
  const { connect } = await import('@/db/sqlite/connection');
  const { sqlite } = connect(databaseFile ?? '');
  const raw = {
    begin: sqlite.prepare('BEGIN IMMEDIATE'),
    commit: sqlite.prepare('COMMIT'),
    sequence: sqlite
      .prepare<[string], number>(
        `INSERT INTO sequences (name, last_value) VALUES (?, 1)
         ON CONFLICT (name) DO UPDATE SET last_value = last_value + 1 RETURNING last_value`,
      )
      .pluck(),
    debit: sqlite.prepare<[number, number, number], { balance: number; position: number }>(
      `UPDATE ledger_accounts SET debits_posted = debits_posted + ?, entry_count = entry_count + 1
       WHERE id = ? AND credits_posted - debits_posted - debits_pending - ? >= -negative_limit
       RETURNING credits_posted - debits_posted AS balance, entry_count AS position`,
    ),
    credit: sqlite.prepare<[number, number], { balance: number; position: number }>(
      `UPDATE ledger_accounts SET credits_posted = credits_posted + ?, entry_count = entry_count + 1
       WHERE id = ? RETURNING credits_posted - debits_posted AS balance, entry_count AS position`,
    ),
    transfer: sqlite.prepare<[string, number, number, number, string, string, string, string, number, number]>(
      `INSERT INTO ledger_transfers (reference, debit_account_id, credit_account_id, amount, currency, kind, state,
         idempotency_key, params_hash, description_code, description_params, created_at, posted_at)
       VALUES (?, ?, ?, ?, ?, 'remittance_send', 'posted', ?, ?, 'text', json_object('text', ?), ?, ?)`,
    ),
    entry: sqlite.prepare<[number, number, number, number, number, number]>(
      `INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
  };
  // A commit that changes one row: the floor set by fsync on this disk.
  sqlite.prepare(`INSERT INTO sequences (name, last_value) VALUES ('bench', 0)`).run();
  const touch = sqlite.prepare(`UPDATE sequences SET last_value = last_value + 1 WHERE name = 'bench'`);
  return {
    async transfer(seq) {
      const now = Date.now();
      const year = new Date(now).getUTCFullYear();
      raw.begin.run();
      const debit = raw.debit.get(transferAmount, carolAccount, transferAmount);
      const credit = raw.credit.get(transferAmount, daveAccount);
      if (!debit || !credit) throw new Error('raw transfer refused');
      const number = raw.sequence.get(`WT/${year}`) ?? 0;
      const transferId = Number(
        raw.transfer.run(`WT/${year}/${String(number).padStart(6, '0')}`, carolAccount, daveAccount, transferAmount, currency, `raw-${seq}`, 'raw', 'Bench transfer', now, now)
          .lastInsertRowid,
      );
      raw.entry.run(carolAccount, debit.position, transferId, -transferAmount, debit.balance, now);
      raw.entry.run(daveAccount, credit.position, transferId, transferAmount, credit.balance, now);
      raw.commit.run();
    },
    async bareCommit() {
      raw.begin.run();
      touch.run();
      raw.commit.run();
    },
    async close() {},
  };
}

async function postgresRaw(): Promise<RawSide> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  type Row = { balance: string | number; position: string | number };
  // Named statements: parsed and planned once on this connection, then run with new values.
  const statement = (name: string, text: string) => (values: unknown[]) => client.query<Row & { last_value: number; id: number }>({ name, text, values });
  const debit = statement(
    'debit',
    `UPDATE ledger_accounts SET debits_posted = debits_posted + $1, entry_count = entry_count + 1
     WHERE id = $2 AND credits_posted - debits_posted - debits_pending - $1 >= -negative_limit
     RETURNING credits_posted - debits_posted AS balance, entry_count AS position`,
  );
  const credit = statement(
    'credit',
    `UPDATE ledger_accounts SET credits_posted = credits_posted + $1, entry_count = entry_count + 1
     WHERE id = $2 RETURNING credits_posted - debits_posted AS balance, entry_count AS position`,
  );
  const sequence = statement(
    'sequence',
    `INSERT INTO sequences (name, last_value) VALUES ($1, 1)
     ON CONFLICT (name) DO UPDATE SET last_value = sequences.last_value + 1 RETURNING last_value`,
  );
  const transfer = statement(
    'transfer',
    `INSERT INTO ledger_transfers (reference, debit_account_id, credit_account_id, amount, currency, kind, state,
       idempotency_key, params_hash, description_code, description_params, created_at, posted_at)
     VALUES ($1, $2, $3, $4, $5, 'remittance_send', 'posted', $6, $7, 'text', json_build_object('text', $8::text)::text, $9, $9) RETURNING id`,
  );
  const entries = statement(
    'entries',
    `INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
     VALUES ($1, $2, $3, $4, $5, $6), ($7, $8, $3, $9, $10, $6)`,
  );
  const touch = statement('touch', `UPDATE sequences SET last_value = last_value + 1 WHERE name = 'bench'`);
  await client.query(`INSERT INTO sequences (name, last_value) VALUES ('bench', 0)`);
  return {
    async transfer(seq) {
      const now = new Date();
      const year = now.getUTCFullYear();
      await client.query('BEGIN');
      try {
        const [d] = (await debit([transferAmount, carolAccount])).rows;
        const [c] = (await credit([transferAmount, daveAccount])).rows;
        if (!d || !c) throw new Error('raw transfer refused');
        const number = Number((await sequence([`WT/${year}`])).rows[0]?.last_value);
        const [row] = (await transfer([`WT/${year}/${String(number).padStart(6, '0')}`, carolAccount, daveAccount, transferAmount, currency, `raw-${seq}`, 'raw', 'Bench transfer', now])).rows;
        await entries([carolAccount, d.position, row?.id, -transferAmount, d.balance, now, daveAccount, c.position, transferAmount, c.balance]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    async bareCommit() {
      await client.query('BEGIN');
      await touch([]);
      await client.query('COMMIT');
    },
    close: () => client.end(),
  };
}

const rawSide = engine === 'postgres' ? await postgresRaw() : await sqliteRaw();
let rawSeq = 0;
async function throughRawStatements(count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await rawSide.transfer(++rawSeq);
  return performance.now() - started;
}

async function bareCommits(count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await rawSide.bareCommit();
  return performance.now() - started;
}

await throughLedger(500);
await throughRawStatements(500);
let ledgerMs = 0;
let rawMs = 0;
let bareMs = 0;
// Small alternating batches: fsync latency on a shared disk drifts a lot, and each side should
// see the same weather.
const batch = 50;
for (let done = 0; done < transferCount; done += batch) {
  ledgerMs += await throughLedger(batch);
  rawMs += await throughRawStatements(batch);
  bareMs += await bareCommits(batch / 5);
}
const measured = transferCount;
const settings = engine === 'postgres' ? 'PostgreSQL, node-postgres' : 'SQLite, WAL + synchronous=FULL, one connection';
console.log(`Throughput, ${measured.toLocaleString('en-US')} transfers each, ${settings}`);
console.log(`  postTransfer (ledger):       ${rate(measured, ledgerMs)}  (${(ledgerMs / measured).toFixed(3)} ms each)`);
console.log(`  raw prepared statements:     ${rate(measured, rawMs)}  (${(rawMs / measured).toFixed(3)} ms each)`);
console.log(`  ratio ledger/raw:            ${(rawMs / ledgerMs).toFixed(2)}  (goal ≥ 0.70)`);
console.log(`  (a one-row commit, the commit floor: ${rate(measured / 5, bareMs)})`);

// ---- 2. History scale ----------------------------------------------------------------------
// bench/history.ts writes the entries set-based in one transaction, exactly as the ledger would have.

const small = await createUser('small-history');
const large = await createUser('large-history');
let started = performance.now();
await bulkWalletHistory(database, small, smallHistory, currency);
await bulkWalletHistory(database, large, largeHistory, currency);
const buildMs = performance.now() - started;
started = performance.now();
const verification = await ledger.verifyLedger(database.read);
const verifyMs = performance.now() - started;
console.log(`\nHistory scale (built ${(smallHistory + largeHistory).toLocaleString('en-US')} transfers in ${(buildMs / 1000).toFixed(1)}s;`);
console.log(`  verifyLedger over ${verification.transfers.toLocaleString('en-US')} transfers / ${verification.entries.toLocaleString('en-US')} entries: ${verification.ok ? 'ok' : 'FAILED'} in ${(verifyMs / 1000).toFixed(1)}s)`);
if (!verification.ok) {
  console.error(verification.problems.slice(0, 10).join('\n'));
  process.exitCode = 1;
}

/**
 * Median over batches of the mean time per call (µs), for two pieces of work measured in
 * alternating batches so that both see the same machine load.
 */
async function compare(small: () => Promise<unknown>, large: () => Promise<unknown>, calls: number, batches = 15): Promise<[number, number]> {
  for (let i = 0; i < calls; i++) {
    await small();
    await large();
  }
  const means: [number[], number[]] = [[], []];
  for (let b = 0; b < batches; b++) {
    for (const [side, work] of [small, large].entries()) {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) await work();
      means[side]?.push(((performance.now() - t0) * 1000) / calls);
    }
  }
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? Number.NaN;
  return [median(means[0]), median(means[1])];
}

async function deepestPage(userId: number): Promise<number> {
  const wallet = { wallet: userId, currency };
  const { totalPages } = await ledger.listAccountHistory(database.read, wallet);
  const last = await ledger.listAccountHistory(database.read, wallet, { page: totalPages });
  if (last.rows.at(-1)?.position !== 1) throw new Error('the deepest page does not end at position 1');
  return totalPages;
}

// A live database checkpoints its WAL as it goes; do the same after the bulk load.
if (engine === 'sqlite') await database.read.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
const smallWallet = { wallet: small, currency };
const largeWallet = { wallet: large, currency };
const smallDeepest = await deepestPage(small);
const largeDeepest = await deepestPage(large);
const q = database.read;
// A PostgreSQL call is a network round trip (~10× an in-process SQLite call): fewer calls per batch.
const calls = (count: number) => (engine === 'postgres' ? count / 5 : count);
const timings = {
  balance: await compare(() => ledger.getWalletBalance(q, small, currency), () => ledger.getWalletBalance(q, large, currency), calls(5_000)),
  firstPage: await compare(() => ledger.listAccountHistory(q, smallWallet, { page: 1 }), () => ledger.listAccountHistory(q, largeWallet, { page: 1 }), calls(500)),
  deepPage: await compare(
    () => ledger.listAccountHistory(q, smallWallet, { page: smallDeepest }),
    () => ledger.listAccountHistory(q, largeWallet, { page: largeDeepest }),
    calls(500),
  ),
};
const row = (label: string, [s, l]: [number, number]) =>
  console.log(`  ${label.padEnd(22)} ${s.toFixed(1).padStart(8)} µs ${l.toFixed(1).padStart(10)} µs   ${(l / s).toFixed(2)}`);
const entries = async (userId: number) => (await ledger.listAccountHistory(q, { wallet: userId, currency })).totalRows.toLocaleString('en-US');
console.log(`  ${''.padEnd(22)} ${`${await entries(small)} entries`.padStart(11)} ${`${await entries(large)} entries`.padStart(13)}   large/small (goal ≤ 1.5)`);
row('balance', timings.balance);
row('first page (10 rows)', timings.firstPage);
row('deepest page', timings.deepPage);
console.log(`  (deepest page = page ${smallDeepest.toLocaleString('en-US')} vs page ${largeDeepest.toLocaleString('en-US')})`);
const size = databaseFile ? `; database ${(fs.statSync(databaseFile).size / 2 ** 20).toFixed(0)} MB at ${folder} (removed)` : '';
console.log(`\nTotal ${((performance.now() - benchStarted) / 1000).toFixed(1)}s${size}.`);

await rawSide.close();
await database.close();
if (folder) fs.rmSync(folder, { recursive: true, force: true });
await stopPostgres?.();
process.exit(process.exitCode ?? 0);
