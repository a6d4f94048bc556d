// The migration that turns English ledger descriptions into codes and params (SQLite 0009,
// PostgreSQL 0004): a database at the migration before it, holding the sentences lib used to
// write, is migrated, and every row reads back as its code and params; other text is kept.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

const onPostgres = process.env.COFFER_TEST_ENGINE === 'postgres';
const folder = path.resolve(import.meta.dirname, onPostgres ? 'postgres/migrations' : 'sqlite/migrations');
const target = onPostgres ? '0004_ledger_description_codes' : '0009_ledger_description_codes';

function statementsOf(tag: string): string[] {
  return fs
    .readFileSync(path.join(folder, `${tag}.sql`), 'utf8')
    .split('--> statement-breakpoint')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

const journal: { entries: { tag: string }[] } = JSON.parse(fs.readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8'));
const before = journal.entries.map((entry) => entry.tag).slice(0, journal.entries.findIndex((entry) => entry.tag === target));

// [old description, code, params]
const cases: [string, string, Record<string, string>][] = [
  ['Top-up by card (PAY-000001)', 'topUpCard', { reference: 'PAY-000001' }],
  ['Wire transfer top-up (PAY-000002)', 'topUpWire', { reference: 'PAY-000002' }],
  ['Payment for order S00042', 'orderPayment', { number: 'S00042' }],
  ['Payment for order S00042 (card part)', 'orderPaymentCardPart', { number: 'S00042' }],
  ['Payment for order S00042 (wallet part)', 'orderWalletPart', { number: 'S00042' }],
  ['Payment for invoice INV/2026/00001 (wallet part)', 'invoiceWalletPart', { number: 'INV/2026/00001' }],
  ['Payment of invoice INV/2026/00001', 'invoicePayment', { number: 'INV/2026/00001' }],
  [
    'Card payment PAY-9 beyond the amount due of invoice INV/2026/00002, kept in your wallet',
    'invoiceOverpayment',
    { reference: 'PAY-9', number: 'INV/2026/00002' },
  ],
  [
    'Card payment PAY-7 for order S00043, whose wallet part had been released: added to your wallet',
    'orderCardAfterRelease',
    { reference: 'PAY-7', number: 'S00043' },
  ],
  ['Card payment PAY-8 for order S00044, which was already settled: added to your wallet', 'orderCardAfterSettled', { reference: 'PAY-8', number: 'S00044' }],
  ['Refund for order S00045: One mug arrived chipped: sorry', 'orderRefund', { number: 'S00045', reason: 'One mug arrived chipped: sorry' }],
  ['Refund for order S00046 to the card (PAY-3): Wrong size', 'orderRefundToCard', { number: 'S00046', reference: 'PAY-3', reason: 'Wrong size' }],
  ['Credit from the shop: Sorry for the late parcel', 'shopCredit', { reason: 'Sorry for the late parcel' }],
  ['Withdrawal by the shop: Duplicate credit', 'shopWithdrawal', { reason: 'Duplicate credit' }],
  ['Balance reset by the shop: Account closed', 'balanceReset', { reason: 'Account closed' }],
  ['Top-up WT/2026/000007 refunded to the card', 'topUpRefundToCard', { reference: 'WT/2026/000007' }],
  ['Refund of payment PAY-5', 'paymentRefund', { reference: 'PAY-5' }],
  ['Payment PAY-6', 'apiPayment', { reference: 'PAY-6' }],
  ['Payment PAY-6 (conv-1)', 'apiPaymentConversation', { reference: 'PAY-6', conversationId: 'conv-1' }],
  ['Merchant wallet balance reset to 12.5 USD', 'merchantBalanceReset', { value: '12.5', currency: 'USD' }],
  ["Something else, it's kept", 'text', { text: "Something else, it's kept" }],
];

type Row = { idempotency_key: string; description_code: string; description_params: string; state: string; memo: string | null };

/** Runs the migrations before the target, inserts one posted transfer per case (and a pending one), then the target. */
async function migrate(run: (sql: string) => Promise<void>, insert: (key: string, description: string, state: string, memo?: string) => Promise<void>, read: () => Promise<Row[]>) {
  for (const tag of before) for (const statement of statementsOf(tag)) await run(statement);
  await run(`INSERT INTO users (email, name, password_hash, role, created_at) VALUES ('a@example.com', 'A', 'x', 'customer', ${onPostgres ? 'now()' : '0'})`);
  for (const [name, code] of [['card_clearing', 'system:card_clearing:USD'], ['wallet', 'wallet:1:USD']] as const) {
    await run(
      name === 'wallet'
        ? `INSERT INTO ledger_accounts (code, kind, owner_id, currency, created_at) VALUES ('${code}', 'wallet', 1, 'USD', ${onPostgres ? 'now()' : '0'})`
        : `INSERT INTO ledger_accounts (code, kind, system_name, currency, negative_limit, created_at) VALUES ('${code}', 'system', '${name}', 'USD', NULL, ${onPostgres ? 'now()' : '0'})`,
    );
  }
  for (const [index, [description]] of cases.entries()) await insert(`key-${index}`, description, 'posted');
  await insert('key-pending', 'Wire transfer top-up (PAY-000010)', 'pending');
  await insert('key-hold', 'Payment for order S00050 (wallet part)', 'pending', 'Held for order S00050');
  for (const statement of statementsOf(target)) await run(statement);
  return read();
}

function expectConverted(rows: Row[]) {
  const byKey = new Map(rows.map((row) => [row.idempotency_key, row]));
  for (const [index, [, code, params]] of cases.entries()) {
    const row = byKey.get(`key-${index}`);
    expect({ code: row?.description_code, params: JSON.parse(row?.description_params ?? 'null') }).toEqual({ code, params });
  }
  expect(byKey.get('key-pending')).toMatchObject({ description_code: 'topUpWire', state: 'pending' });
  // The English memo of a hold is gone: the edge says "Held for order …" from the code, in either language.
  expect(byKey.get('key-hold')).toMatchObject({ description_code: 'orderWalletPart', memo: null });
}

describe.skipIf(onPostgres)('SQLite migration 0009: ledger descriptions become codes', () => {
  it('converts every sentence lib wrote, keeps other text, and guards the transfers again', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-migration-')), 'old.db');
    const sqlite = new Database(file);
    sqlite.pragma('foreign_keys = ON');
    const insert = async (key: string, description: string, state: string, memo?: string) => {
      sqlite
        .prepare(
          `INSERT INTO ledger_transfers (reference, debit_account_id, credit_account_id, amount, currency, kind, state, idempotency_key,
            params_hash, description, memo, created_at) VALUES (?, 1, 2, 100, 'USD', 'deposit_card', ?, ?, 'h', ?, ?, 0)`,
        )
        .run(`WT/${key}`, state, key, description, memo ?? null);
    };
    const rows = await migrate(
      async (sql) => void sqlite.exec(sql),
      insert,
      async () => sqlite.prepare('SELECT idempotency_key, description_code, description_params, state, memo FROM ledger_transfers').all() as Row[],
    );
    expectConverted(rows);
    expect(() => sqlite.prepare("UPDATE ledger_transfers SET description_code = 'text' WHERE idempotency_key = 'key-0'").run()).toThrow(/only moves once/);
    expect(() => sqlite.prepare("UPDATE ledger_transfers SET description_params = '{}' WHERE idempotency_key = 'key-pending'").run()).toThrow(/only moves once/);
    sqlite.close();
  });
});

describe.skipIf(!onPostgres)('PostgreSQL migration 0004: ledger descriptions become codes', () => {
  it('converts every sentence lib wrote, keeps other text, and guards the transfers again', async () => {
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
      const insert = async (key: string, description: string, state: string, memo?: string) => {
        await client.query(
          `INSERT INTO ledger_transfers (reference, debit_account_id, credit_account_id, amount, currency, kind, state, idempotency_key,
            params_hash, description, memo, created_at) VALUES ($1, 1, 2, 100, 'USD', 'deposit_card', $2, $3, 'h', $4, $5, now())`,
          [`WT/${key}`, state, key, description, memo ?? null],
        );
      };
      const rows = await migrate(
        async (sql) => void (await client.query(sql)),
        insert,
        async () => (await client.query<Row>('SELECT idempotency_key, description_code, description_params, state, memo FROM ledger_transfers')).rows,
      );
      expectConverted(rows);
      await expect(client.query("UPDATE ledger_transfers SET description_code = 'text' WHERE idempotency_key = 'key-0'")).rejects.toThrow(/only moves once/);
      await expect(client.query("UPDATE ledger_transfers SET description_params = '{}' WHERE idempotency_key = 'key-pending'")).rejects.toThrow(/only moves once/);
    } finally {
      await client.end();
    }
  });
});
