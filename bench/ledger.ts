// npm run bench:ledger — a benchmark, not a test. On one temporary database with the app's
// settings (WAL, synchronous=FULL, one connection):
//  1. throughput: postTransfer between two funded wallets vs. the same work written by hand with
//     raw prepared statements (the limit of this machine); goal ratio ≥ 0.7;
//  2. history scale: a wallet with 1,000 entries vs one with 1,000,000: balance, first page and
//     deepest page of history; goal ratio large/small ≤ 1.5.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bench-'));
const databaseFile = path.join(folder, 'bench.db');
// Set before db/client is imported: the connection opens on import.
process.env.DATABASE_URL = databaseFile;

const { connect } = await import('@/db/client');
const { getDatabase } = await import('@/db');
const { migrateDatabase } = await import('@/db/migrate');
const ledger = await import('@/lib/ledger');
await migrateDatabase();
// The ledger runs through the store seam; the raw side uses the same SQLite connection.
const database = getDatabase();
const { sqlite } = connect(databaseFile);

const transferCount = Number(process.env.BENCH_TRANSFERS ?? 10_000);
const smallHistory = 1_000;
const largeHistory = Number(process.env.BENCH_LARGE_HISTORY ?? 1_000_000);
const currency = 'USD';
const benchStarted = performance.now();

function createUser(name: string): number {
  return sqlite
    .prepare<[string, string], number>(`INSERT INTO users (email, name, password_hash) VALUES (?, ?, 'bench') RETURNING id`)
    .pluck()
    .get(`${name}@bench.invalid`, name) ?? 0;
}

async function fund(userId: number, amount: number): Promise<void> {
  await database.write((tx) => ledger.postTransfer(tx, {
    debit: { system: 'card_clearing', currency },
    credit: { wallet: userId, currency },
    amount,
    currency,
    kind: 'deposit_card',
    idempotencyKey: `fund-${userId}`,
    description: 'Bench funding',
  }));
}

function accountId(userId: number): number {
  return sqlite.prepare<[string], number>(`SELECT id FROM ledger_accounts WHERE code = ?`).pluck().get(`wallet:${userId}:${currency}`) ?? 0;
}

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;
}

// ---- 1. Throughput -------------------------------------------------------------------------

const alice = createUser('alice');
const bob = createUser('bob');
const carol = createUser('carol');
const dave = createUser('dave');
const total = transferCount + 1_000;
// Every measured transfer moves 100 minor units ($1.00): fund enough for all of them (integers).
const transferAmount = 100;
await fund(alice, total * transferAmount);
await fund(carol, total * transferAmount);
await fund(bob, 1);
await fund(dave, 1);
const carolAccount = accountId(carol);
const daveAccount = accountId(dave);

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
      description: 'Bench transfer',
    }));
  }
  return performance.now() - started;
}

// The same work by hand: claim the key (unique insert), conditional debit, credit, reference,
// transfer row, two entries, in one BEGIN IMMEDIATE … COMMIT per transfer.
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
       idempotency_key, params_hash, description, created_at, posted_at)
     VALUES (?, ?, ?, ?, ?, 'remittance_send', 'posted', ?, ?, ?, ?, ?)`,
  ),
  entry: sqlite.prepare<[number, number, number, number, number, number]>(
    `INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ),
};

let rawSeq = 0;
function throughRawStatements(count: number): number {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    rawSeq++;
    const now = Date.now();
    const year = new Date(now).getUTCFullYear();
    raw.begin.run();
    const debit = raw.debit.get(transferAmount, carolAccount, transferAmount);
    const credit = raw.credit.get(transferAmount, daveAccount);
    if (!debit || !credit) throw new Error('raw transfer refused');
    const number = raw.sequence.get(`WT/${year}`) ?? 0;
    const transferId = Number(
      raw.transfer.run(`WT/${year}/${String(number).padStart(6, '0')}`, carolAccount, daveAccount, transferAmount, currency, `raw-${rawSeq}`, 'raw', 'Bench transfer', now, now)
        .lastInsertRowid,
    );
    raw.entry.run(carolAccount, debit.position, transferId, -transferAmount, debit.balance, now);
    raw.entry.run(daveAccount, credit.position, transferId, transferAmount, credit.balance, now);
    raw.commit.run();
  }
  return performance.now() - started;
}

// A commit that changes one row: the floor set by fsync on this disk.
const touch = sqlite.prepare(`UPDATE sequences SET last_value = last_value + 1 WHERE name = 'bench'`);
sqlite.prepare(`INSERT INTO sequences (name, last_value) VALUES ('bench', 0)`).run();
function bareCommits(count: number): number {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    raw.begin.run();
    touch.run();
    raw.commit.run();
  }
  return performance.now() - started;
}

await throughLedger(500);
throughRawStatements(500);
let ledgerMs = 0;
let rawMs = 0;
let bareMs = 0;
// Small alternating batches: fsync latency on a shared disk drifts a lot, and each side should
// see the same weather.
const batch = 50;
for (let done = 0; done < transferCount; done += batch) {
  ledgerMs += await throughLedger(batch);
  rawMs += throughRawStatements(batch);
  bareMs += bareCommits(batch / 5);
}
const measured = transferCount;
console.log(`Throughput, ${measured.toLocaleString('en-US')} transfers each, WAL + synchronous=FULL, one connection`);
console.log(`  postTransfer (ledger):       ${rate(measured, ledgerMs)}  (${(ledgerMs / measured).toFixed(3)} ms each)`);
console.log(`  raw prepared statements:     ${rate(measured, rawMs)}  (${(rawMs / measured).toFixed(3)} ms each)`);
console.log(`  ratio ledger/raw:            ${(rawMs / ledgerMs).toFixed(2)}  (goal ≥ 0.70)`);
console.log(`  (a one-row commit, the fsync floor: ${rate(measured / 5, bareMs)})`);

// ---- 2. History scale ----------------------------------------------------------------------

// Writes `count` transfers on one wallet in a single transaction, set-based, exactly as the
// ledger would have: odd ones deposits of 10.00 from card_clearing, even ones payments of 7.00
// to sales; gapless references; dense entries on both sides with running balances.
async function bulkHistory(userId: number, count: number): Promise<void> {
  await fund(userId, 1);
  await database.write((tx) =>
    ledger.postTransfer(tx, { debit: { wallet: alice, currency }, credit: { system: 'sales', currency }, amount: 1, currency, kind: 'payment', idempotencyKey: `sales-${userId}`, description: 'Open sales' }),
  );
  sqlite.transaction(() => {
    const wallet = accountId(userId);
    const account = (code: string) =>
      sqlite.prepare<[string], { id: number; entry_count: number; balance: number }>(
        `SELECT id, entry_count, credits_posted - debits_posted AS balance FROM ledger_accounts WHERE code = ?`,
      ).get(code);
    const card = account(`system:card_clearing:${currency}`);
    const sales = account(`system:sales:${currency}`);
    const start = account(`wallet:${userId}:${currency}`);
    if (!card || !sales || !start) throw new Error('accounts missing');
    const now = Date.now();
    const year = new Date(now).getUTCFullYear();
    const firstNumber = (sqlite.prepare<[string], number>(`SELECT last_value FROM sequences WHERE name = ?`).pluck().get(`WT/${year}`) ?? 0) + 1;
    const firstTransfer = (sqlite.prepare<[], number>(`SELECT COALESCE(MAX(id), 0) FROM ledger_transfers`).pluck().get() ?? 0) + 1;

    sqlite.exec(`DROP TABLE IF EXISTS temp.bulk;
      CREATE TEMP TABLE bulk (i INTEGER PRIMARY KEY);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count}) INSERT INTO bulk SELECT i FROM n;`);
    sqlite.exec(`INSERT INTO ledger_transfers (id, reference, debit_account_id, credit_account_id, amount, currency, kind, state,
        idempotency_key, params_hash, description, created_at, posted_at)
      SELECT ${firstTransfer - 1} + i, printf('WT/${year}/%06d', ${firstNumber - 1} + i),
        CASE WHEN i % 2 = 1 THEN ${card.id} ELSE ${start.id} END,
        CASE WHEN i % 2 = 1 THEN ${start.id} ELSE ${sales.id} END,
        CASE WHEN i % 2 = 1 THEN 1000 ELSE 700 END, '${currency}',
        CASE WHEN i % 2 = 1 THEN 'deposit_card' ELSE 'payment' END, 'posted',
        'bulk-${userId}-' || i, 'bulk', CASE WHEN i % 2 = 1 THEN 'Card top-up' ELSE 'Order' END, ${now}, ${now}
      FROM bulk`);
    // The wallet's side: balance after i transfers = start + ceil(i/2)·1000 − floor(i/2)·700.
    sqlite.exec(`INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
      SELECT ${start.id}, ${start.entry_count} + i, ${firstTransfer - 1} + i,
        CASE WHEN i % 2 = 1 THEN 1000 ELSE -700 END,
        ${start.balance} + ((i + 1) / 2) * 1000 - (i / 2) * 700, ${now}
      FROM bulk`);
    sqlite.exec(`INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
      SELECT ${card.id}, ${card.entry_count} + (i + 1) / 2, ${firstTransfer - 1} + i, -1000,
        ${card.balance} - ((i + 1) / 2) * 1000, ${now}
      FROM bulk WHERE i % 2 = 1`);
    sqlite.exec(`INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
      SELECT ${sales.id}, ${sales.entry_count} + i / 2, ${firstTransfer - 1} + i, 700,
        ${sales.balance} + (i / 2) * 700, ${now}
      FROM bulk WHERE i % 2 = 0`);
    const deposits = Math.ceil(count / 2);
    const payments = Math.floor(count / 2);
    const update = sqlite.prepare<[number, number, number, number]>(
      `UPDATE ledger_accounts SET debits_posted = debits_posted + ?, credits_posted = credits_posted + ?,
         entry_count = entry_count + ? WHERE id = ?`,
    );
    update.run(payments * 700, deposits * 1000, count, start.id);
    update.run(deposits * 1000, 0, deposits, card.id);
    update.run(0, payments * 700, payments, sales.id);
    sqlite.prepare(`UPDATE sequences SET last_value = last_value + ? WHERE name = ?`).run(count, `WT/${year}`);
    sqlite.exec('DROP TABLE temp.bulk');
  }).immediate();
}

const small = createUser('small-history');
const large = createUser('large-history');
let started = performance.now();
await bulkHistory(small, smallHistory - 1);
await bulkHistory(large, largeHistory - 1);
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
sqlite.pragma('wal_checkpoint(TRUNCATE)');
const smallWallet = { wallet: small, currency };
const largeWallet = { wallet: large, currency };
const smallDeepest = await deepestPage(small);
const largeDeepest = await deepestPage(large);
const q = database.read;
const timings = {
  balance: await compare(() => ledger.getWalletBalance(q, small, currency), () => ledger.getWalletBalance(q, large, currency), 5_000),
  firstPage: await compare(() => ledger.listAccountHistory(q, smallWallet, { page: 1 }), () => ledger.listAccountHistory(q, largeWallet, { page: 1 }), 500),
  deepPage: await compare(
    () => ledger.listAccountHistory(q, smallWallet, { page: smallDeepest }),
    () => ledger.listAccountHistory(q, largeWallet, { page: largeDeepest }),
    500,
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
console.log(`\nTotal ${((performance.now() - benchStarted) / 1000).toFixed(1)}s; database ${(fs.statSync(databaseFile).size / 2 ** 20).toFixed(0)} MB at ${folder} (removed).`);

await database.close();
sqlite.close();
fs.rmSync(folder, { recursive: true, force: true });
