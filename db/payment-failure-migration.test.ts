// The migration that turns the English failure messages of payments into codes and params
// (SQLite 0012 + 0013, PostgreSQL 0007 + 0008): a database at the migration before it, holding the
// sentences lib used to write, is migrated, and every row reads back as its code and params.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { storedFailure } from '@/lib/payments/failures';

const onPostgres = process.env.COFFER_TEST_ENGINE === 'postgres';
const folder = path.resolve(import.meta.dirname, onPostgres ? 'postgres/migrations' : 'sqlite/migrations');
const targets = onPostgres ? ['0007_payment_failure_codes', '0008_drop_failure_message'] : ['0012_payment_failure_codes', '0013_drop_failure_message'];

function statementsOf(tag: string): string[] {
  return fs
    .readFileSync(path.join(folder, `${tag}.sql`), 'utf8')
    .split('--> statement-breakpoint')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

const journal: { entries: { tag: string }[] } = JSON.parse(fs.readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8'));
const before = journal.entries.map((entry) => entry.tag).slice(0, journal.entries.findIndex((entry) => entry.tag === targets[0]));

// [old message, code, params]; null: a payment that did not fail
const cases: [string | null, string | null, Record<string, string>][] = [
  ['You cancelled this payment.', 'shopperCancelled', {}],
  ['You cancelled the card payment.', 'shopperCancelled', {}],
  ['Your card was declined. No money was taken; try another card.', 'cardDeclined', {}],
  ['The bank did not complete the card payment.', 'bankIncomplete', {}],
  ['The card payment page expired.', 'pageExpired', {}],
  ['The time to pay by card ran out.', 'holdExpired', {}],
  ['Card payments were unavailable.', 'cardUnavailable', {}],
  ['Invoice INV/2026/00007 was paid another way.', 'paidAnotherWay', { number: 'INV/2026/00007' }],
  ['Order S00042 was already settled.', 'orderSettled', { number: 'S00042' }],
  ['Rejected by the shop: No transfer arrived in 14 days', 'wireRejected', { reason: 'No transfer arrived in 14 days' }],
  ["Something else, it's kept", 'text', { text: "Something else, it's kept" }],
  [null, null, {}],
];

type Row = { idempotency_key: string; failure_code: string | null; failure_params: string | null };

async function migrate(run: (sql: string) => Promise<void>, insert: (key: string, message: string | null) => Promise<void>, read: () => Promise<Row[]>) {
  for (const tag of before) for (const statement of statementsOf(tag)) await run(statement);
  await run(`INSERT INTO users (email, name, password_hash, role, created_at) VALUES ('a@example.com', 'A', 'x', 'customer', ${onPostgres ? 'now()' : '0'})`);
  for (const [index, [message]] of cases.entries()) await insert(`key-${index}`, message);
  for (const tag of targets) for (const statement of statementsOf(tag)) await run(statement);
  return read();
}

function expectConverted(rows: Row[]) {
  const byKey = new Map(rows.map((row) => [row.idempotency_key, row]));
  for (const [index, [, code, params]] of cases.entries()) {
    const row = byKey.get(`key-${index}`);
    if (!row) throw new Error(`row key-${index} is missing`);
    expect(storedFailure({ failureCode: row.failure_code, failureParams: row.failure_params })).toEqual(code === null ? null : { code, params });
  }
}

const insertSql = (placeholders: string[], now: string) =>
  `INSERT INTO payments (reference, user_id, purpose, provider, amount, currency, state, idempotency_key, failure_message, created_at, updated_at)
   VALUES (${placeholders[0]}, 1, 'top_up', 'demo', 100, 'USD', 'canceled', ${placeholders[1]}, ${placeholders[2]}, ${now}, ${now})`;

describe.skipIf(onPostgres)('SQLite migrations 0012–0013: payment failures become codes', () => {
  it('converts every sentence lib wrote and keeps other text', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-migration-')), 'old.db');
    const sqlite = new Database(file);
    sqlite.pragma('foreign_keys = ON');
    const rows = await migrate(
      async (sql) => void sqlite.exec(sql),
      async (key, message) => void sqlite.prepare(insertSql(['?', '?', '?'], '0')).run(`REF-${key}`, key, message),
      async () => sqlite.prepare('SELECT idempotency_key, failure_code, failure_params FROM payments').all() as Row[],
    );
    expectConverted(rows);
    expect(sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('payments') WHERE name = 'failure_message'").get()).toEqual({ n: 0 });
    sqlite.close();
  });
});

describe.skipIf(!onPostgres)('PostgreSQL migrations 0007–0008: payment failures become codes', () => {
  it('converts every sentence lib wrote and keeps other text', async () => {
    const serverUrl = inject('postgresUrl');
    if (!serverUrl) throw new Error('no PostgreSQL server');
    const name = `coffer_migration_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    try {
      const rows = await migrate(
        async (sql) => void (await client.query(sql)),
        async (key, message) => void (await client.query(insertSql(['$1', '$2', '$3'], 'now()'), [`REF-${key}`, key, message])),
        async () => (await client.query<Row>('SELECT idempotency_key, failure_code, failure_params FROM payments')).rows,
      );
      expectConverted(rows);
      const column = await client.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'payments' AND column_name = 'failure_message'");
      expect(column.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
