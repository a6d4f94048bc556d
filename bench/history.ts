// A long wallet history written set-based in one transaction, exactly as the ledger would have
// written it one transfer at a time: odd transfers deposits of 10.00 from card_clearing, even
// ones payments of 7.00 to sales; gapless references; dense entries with running balances on
// every side; account totals updated to match. verifyLedger() passes afterwards.
// SQLite only for now (the bulk load is SQLite SQL); import after DATABASE_URL is set.
import { connect } from '@/db/client';
import { databasePath } from '@/db/database-path';
import type { Database } from '@/db/database';
import { postTransfer } from '@/lib/ledger';

const sqlite = connect(databasePath()).sqlite;

type AccountRow = { id: number; entry_count: number; balance: number };

function account(code: string): AccountRow {
  const row = sqlite
    .prepare<[string], AccountRow>(`SELECT id, entry_count, credits_posted - debits_posted AS balance FROM ledger_accounts WHERE code = ?`)
    .get(code);
  if (!row) throw new Error(`no account ${code}`);
  return row;
}

/** Gives the wallet of `userId` exactly `entries` (≥ 3) posted entries: two real transfers, then the rest in bulk. */
export async function bulkWalletHistory(db: Database, userId: number, entries: number, currency = 'USD'): Promise<void> {
  if (db.engine !== 'sqlite') throw new Error('bulkWalletHistory writes SQLite SQL; PostgreSQL has no bulk loader yet.');
  const count = entries - 2;
  // Two real transfers open the wallet and the system accounts the way the app does.
  await db.write(async (tx) => {
    await postTransfer(tx, { debit: { system: 'card_clearing', currency }, credit: { wallet: userId, currency }, amount: 1000, currency, kind: 'deposit_card', idempotencyKey: `bench-open-${userId}`, description: 'Card top-up' });
    await postTransfer(tx, { debit: { wallet: userId, currency }, credit: { system: 'sales', currency }, amount: 700, currency, kind: 'payment', idempotencyKey: `bench-sale-${userId}`, description: 'Order' });
  });
  sqlite
    .transaction(() => {
      const card = account(`system:card_clearing:${currency}`);
      const sales = account(`system:sales:${currency}`);
      const wallet = account(`wallet:${userId}:${currency}`);
      const now = Date.now();
      const year = new Date(now).getUTCFullYear();
      const firstNumber = (sqlite.prepare<[string], number>(`SELECT last_value FROM sequences WHERE name = ?`).pluck().get(`WT/${year}`) ?? 0) + 1;
      const firstTransfer = (sqlite.prepare<[], number>(`SELECT COALESCE(MAX(id), 0) FROM ledger_transfers`).pluck().get() ?? 0) + 1;
      const id = `${firstTransfer - 1} + i`;

      sqlite.exec(`DROP TABLE IF EXISTS temp.bulk;
        CREATE TEMP TABLE bulk (i INTEGER PRIMARY KEY);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count}) INSERT INTO bulk SELECT i FROM n;`);
      sqlite.exec(`INSERT INTO ledger_transfers (id, reference, debit_account_id, credit_account_id, amount, currency, kind, state,
          idempotency_key, params_hash, description, created_at, posted_at)
        SELECT ${id}, printf('WT/${year}/%06d', ${firstNumber - 1} + i),
          CASE WHEN i % 2 = 1 THEN ${card.id} ELSE ${wallet.id} END,
          CASE WHEN i % 2 = 1 THEN ${wallet.id} ELSE ${sales.id} END,
          CASE WHEN i % 2 = 1 THEN 1000 ELSE 700 END, '${currency}',
          CASE WHEN i % 2 = 1 THEN 'deposit_card' ELSE 'payment' END, 'posted',
          'bench-bulk-${userId}-' || i, 'bulk', CASE WHEN i % 2 = 1 THEN 'Card top-up' ELSE 'Order' END, ${now}, ${now}
        FROM bulk`);
      // The wallet's side: balance after i transfers = start + ceil(i/2)·1000 − floor(i/2)·700.
      sqlite.exec(`INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
        SELECT ${wallet.id}, ${wallet.entry_count} + i, ${id}, CASE WHEN i % 2 = 1 THEN 1000 ELSE -700 END,
          ${wallet.balance} + ((i + 1) / 2) * 1000 - (i / 2) * 700, ${now}
        FROM bulk`);
      sqlite.exec(`INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
        SELECT ${card.id}, ${card.entry_count} + (i + 1) / 2, ${id}, -1000, ${card.balance} - ((i + 1) / 2) * 1000, ${now}
        FROM bulk WHERE i % 2 = 1`);
      sqlite.exec(`INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
        SELECT ${sales.id}, ${sales.entry_count} + i / 2, ${id}, 700, ${sales.balance} + (i / 2) * 700, ${now}
        FROM bulk WHERE i % 2 = 0`);
      const deposits = Math.ceil(count / 2);
      const payments = Math.floor(count / 2);
      const update = sqlite.prepare<[number, number, number, number]>(
        `UPDATE ledger_accounts SET debits_posted = debits_posted + ?, credits_posted = credits_posted + ?, entry_count = entry_count + ? WHERE id = ?`,
      );
      update.run(payments * 700, deposits * 1000, count, wallet.id);
      update.run(deposits * 1000, 0, deposits, card.id);
      update.run(0, payments * 700, payments, sales.id);
      sqlite.prepare(`UPDATE sequences SET last_value = last_value + ? WHERE name = ?`).run(count, `WT/${year}`);
      sqlite.exec('DROP TABLE temp.bulk');
    })
    .immediate();
}
