// A long wallet history written set-based in one transaction, exactly as the ledger would have
// written it one transfer at a time: odd transfers deposits of 10.00 from card_clearing, even
// ones payments of 7.00 to sales; gapless references; dense entries with running balances on
// every side; account totals updated to match. verifyLedger() passes afterwards.
// Both engines: SQLite numbers its rows with a recursive CTE, PostgreSQL with generate_series
// (INSERT … SELECT), each as raw SQL through the transaction's drizzle handle (bench code, not lib/).
import { eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '@/db/database';
import { ledgerAccounts, ledgerTransfers, sequences } from '@/db/schema';
import { postTransfer } from '@/lib/ledger';

type AccountRow = { id: number; entryCount: number; balance: number };

async function account(tx: Tx, code: string): Promise<AccountRow> {
  const [row] = await tx
    .select({
      id: ledgerAccounts.id,
      entryCount: sql<number>`${ledgerAccounts.entryCount}`.mapWith(Number),
      balance: sql<number>`${ledgerAccounts.creditsPosted} - ${ledgerAccounts.debitsPosted}`.mapWith(Number),
    })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.code, code));
  if (!row) throw new Error(`no account ${code}`);
  return row;
}

/** Raw SQL on the transaction's own handle: drizzle's run() on SQLite, execute() on PostgreSQL. */
function rawExec(db: Database, tx: Tx): (text: string) => Promise<unknown> {
  if (db.engine === 'sqlite') return async (text) => (tx as unknown as { run(query: unknown): unknown }).run(sql.raw(text));
  return (text) => (tx as unknown as { execute(query: unknown): Promise<unknown> }).execute(sql.raw(text));
}

/** Gives the wallet of `userId` exactly `entries` (≥ 3) posted entries: two real transfers, then the rest in bulk. */
export async function bulkWalletHistory(db: Database, userId: number, entries: number, currency = 'USD'): Promise<void> {
  const count = entries - 2;
  // Two real transfers open the wallet and the system accounts the way the app does.
  await db.write(async (tx) => {
    await postTransfer(tx, { debit: { system: 'card_clearing', currency }, credit: { wallet: userId, currency }, amount: 1000, currency, kind: 'deposit_card', idempotencyKey: `bench-open-${userId}`, description: { code: 'text', params: { text: 'Card top-up' } } });
    await postTransfer(tx, { debit: { wallet: userId, currency }, credit: { system: 'sales', currency }, amount: 700, currency, kind: 'payment', idempotencyKey: `bench-sale-${userId}`, description: { code: 'text', params: { text: 'Order' } } });
  });
  if (count <= 0) return;
  const postgres = db.engine === 'postgres';
  await db.write(async (tx) => {
    const exec = rawExec(db, tx);
    const card = await account(tx, `system:card_clearing:${currency}`);
    const sales = await account(tx, `system:sales:${currency}`);
    const wallet = await account(tx, `wallet:${userId}:${currency}`);
    const now = Date.now();
    const year = new Date(now).getUTCFullYear();
    const [sequence] = await tx.select({ value: sql<number>`${sequences.lastValue}`.mapWith(Number) }).from(sequences).where(eq(sequences.name, `WT/${year}`));
    const firstNumber = (sequence?.value ?? 0) + 1;
    const [maxId] = await tx.select({ value: sql<number>`coalesce(max(${ledgerTransfers.id}), 0)`.mapWith(Number) }).from(ledgerTransfers);
    const firstTransfer = (maxId?.value ?? 0) + 1;
    const id = `${firstTransfer - 1} + i`;

    // The numbers 1..count, and the dialect's pieces.
    let from: string;
    let reference: string;
    let time: string;
    if (postgres) {
      // Superuser (the bench's own cluster): skip the per-row foreign-key triggers of 3M rows; the
      // rows are right by construction, and verifyLedger() checks them afterwards.
      const superuser = (await (tx as unknown as { execute(query: unknown): Promise<{ rows: { rolsuper: boolean }[] }> }).execute(
        sql.raw('SELECT rolsuper FROM pg_roles WHERE rolname = current_user'),
      )).rows[0]?.rolsuper;
      if (superuser) await exec('SET LOCAL session_replication_role = replica');
      from = `generate_series(1, ${count}) AS g(i)`;
      const n = `(${firstNumber - 1} + i)`;
      reference = `'WT/${year}/' || CASE WHEN ${n} < 1000000 THEN lpad(${n}::text, 6, '0') ELSE ${n}::text END`;
      time = `to_timestamp(${now} / 1000.0)`;
    } else {
      await exec('DROP TABLE IF EXISTS temp.bulk');
      await exec('CREATE TEMP TABLE bulk (i INTEGER PRIMARY KEY)');
      await exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count}) INSERT INTO bulk SELECT i FROM n`);
      from = 'bulk';
      reference = `printf('WT/${year}/%06d', ${firstNumber - 1} + i)`;
      time = String(now);
    }

    await exec(`INSERT INTO ledger_transfers (id, reference, debit_account_id, credit_account_id, amount, currency, kind, state,
        idempotency_key, params_hash, description_code, description_params, created_at, posted_at)
      SELECT ${id}, ${reference},
        CASE WHEN i % 2 = 1 THEN ${card.id} ELSE ${wallet.id} END,
        CASE WHEN i % 2 = 1 THEN ${wallet.id} ELSE ${sales.id} END,
        CASE WHEN i % 2 = 1 THEN 1000 ELSE 700 END, '${currency}',
        CASE WHEN i % 2 = 1 THEN 'deposit_card' ELSE 'payment' END, 'posted',
        'bench-bulk-${userId}-' || i, 'bulk', CASE WHEN i % 2 = 1 THEN 'topUpCard' ELSE 'orderPayment' END,
        CASE WHEN i % 2 = 1 THEN '{"reference":"bulk"}' ELSE '{"number":"bulk"}' END, ${time}, ${time}
      FROM ${from}`);
    // The wallet's side: balance after i transfers = start + ceil(i/2)·1000 − floor(i/2)·700.
    await exec(`INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
      SELECT ${wallet.id}, ${wallet.entryCount} + i, ${id}, CASE WHEN i % 2 = 1 THEN 1000 ELSE -700 END,
        ${wallet.balance} + ((i + 1) / 2) * 1000 - (i / 2) * 700, ${time}
      FROM ${from}`);
    await exec(`INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
      SELECT ${card.id}, ${card.entryCount} + (i + 1) / 2, ${id}, -1000, ${card.balance} - ((i + 1) / 2) * 1000, ${time}
      FROM ${from} WHERE i % 2 = 1`);
    await exec(`INSERT INTO ledger_entries (account_id, position, transfer_id, delta, balance_after, created_at)
      SELECT ${sales.id}, ${sales.entryCount} + i / 2, ${id}, 700, ${sales.balance} + (i / 2) * 700, ${time}
      FROM ${from} WHERE i % 2 = 0`);
    const deposits = Math.ceil(count / 2);
    const payments = Math.floor(count / 2);
    const update = (debits: number, credits: number, entryCount: number, accountId: number) =>
      exec(`UPDATE ledger_accounts SET debits_posted = debits_posted + ${debits}, credits_posted = credits_posted + ${credits},
          entry_count = entry_count + ${entryCount} WHERE id = ${accountId}`);
    await update(payments * 700, deposits * 1000, count, wallet.id);
    await update(deposits * 1000, 0, deposits, card.id);
    await update(0, payments * 700, payments, sales.id);
    await exec(`UPDATE sequences SET last_value = last_value + ${count} WHERE name = 'WT/${year}'`);
    if (postgres) {
      // The ids were given explicitly: move the identity past them, or the next transfer collides.
      await exec(`SELECT setval(pg_get_serial_sequence('ledger_transfers', 'id'), (SELECT max(id) FROM ledger_transfers))`);
    } else {
      await exec('DROP TABLE temp.bulk');
    }
  });
  // A live PostgreSQL database has statistics for its tables (autovacuum); give them at once.
  if (postgres) await (db.read as unknown as { execute(query: unknown): Promise<unknown> }).execute(sql.raw('ANALYZE ledger_transfers, ledger_entries, ledger_accounts'));
}
