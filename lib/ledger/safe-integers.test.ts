import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { ledgerAccounts } from '@/db/schema';
import { MAX_AMOUNT_MINOR } from '@/lib/money';
import {
  createPendingTransfer,
  getBalance,
  listAccountHistory,
  postPendingTransfer,
  postTransfer,
  verifyLedger,
  type AccountRef,
  type TransferInput,
} from './index';
import { createTestUser, executeForTest } from './test-helpers';

const db = getDatabase();
const USD = 'USD';
const adjustments: AccountRef = { system: 'adjustments', currency: USD };
const refunds: AccountRef = { system: 'refunds', currency: USD };
const card: AccountRef = { system: 'card_clearing', currency: USD };
const bank: AccountRef = { system: 'bank_clearing', currency: USD };

function move(debit: AccountRef, credit: AccountRef, amount: number) {
  return db.write((tx) => postTransfer(tx, { debit, credit, amount, currency: USD, kind: 'balance_reset', idempotencyKey: randomUUID(), description: { code: 'text', params: { text: 'test' } } }));
}

/** A column read exactly as text, whatever its size. */
async function creditsPosted(code: string): Promise<bigint | undefined> {
  const [row] = await db.read
    .select({ value: sql<string>`cast(${ledgerAccounts.creditsPosted} as text)` })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.code, code));
  return row ? BigInt(row.value) : undefined;
}

/** Sets an account column behind the ledger's back (a damaged database). */
function setColumn(code: string, value: ReturnType<typeof sql>) {
  return db.write((tx) => tx.update(ledgerAccounts).set({ creditsPosted: value }).where(eq(ledgerAccounts.code, code)));
}

// typeof() and REAL values exist only in SQLite: PostgreSQL's bigint columns hold integers only.
describe.runIf(db.engine === 'sqlite')('amounts on SQLite', () => {
  it('binds amounts as SQLite integers, never REAL', async () => {
    await move(adjustments, refunds, 12_345);
    const { connect } = await import('@/db/sqlite/connection');
    const { sqlite } = connect(process.env.DATABASE_URL ?? '');
    const types = sqlite
      .prepare(
        `SELECT typeof(amount) AS t FROM ledger_transfers UNION SELECT typeof(delta) FROM ledger_entries UNION SELECT typeof(balance_after) FROM ledger_entries
         UNION SELECT typeof(credits_posted) FROM ledger_accounts UNION SELECT typeof(debits_posted) FROM ledger_accounts`,
      )
      .all();
    expect(types).toEqual([{ t: 'integer' }]);
  });
});

describe('amounts past 2^53', () => {
  it('refuses a transfer that would take an account total past Number.MAX_SAFE_INTEGER: no cent appears', async () => {
    // 9 × 10^15 is exact; one more transfer would land on 9_007_199_254_740_995, which a double
    // rounds to …996: a cent from nowhere if the total were added as floating point.
    const start = (await getBalance(db.read, refunds)).posted;
    const room = Number.MAX_SAFE_INTEGER - start;
    let sent = 0;
    while (room - sent > MAX_AMOUNT_MINOR + 10) {
      await move(adjustments, refunds, MAX_AMOUNT_MINOR);
      sent += MAX_AMOUNT_MINOR;
    }
    const tooMuch = room - sent + 4; // past MAX_SAFE_INTEGER by 4
    await expect(move(adjustments, refunds, tooMuch)).rejects.toThrow(expect.objectContaining({ code: 'ACCOUNT_TOTAL_OUT_OF_RANGE' }));
    expect(await creditsPosted('system:refunds:USD')).toBe(BigInt(start) + BigInt(sent));

    // Exactly up to the largest safe integer still works, and reads back exact.
    await move(adjustments, refunds, room - sent);
    expect((await getBalance(db.read, refunds)).posted).toBe(Number.MAX_SAFE_INTEGER);
    expect((await listAccountHistory(db.read, refunds, { pageSize: 1 })).rows[0]?.balanceAfter).toBe(Number.MAX_SAFE_INTEGER);
    expect((await verifyLedger(db.read)).problems).toEqual([]);
  });

  it('refuses to bind an amount that is not a safe integer', async () => {
    for (const amount of [1.5, 2 ** 53 + 2, Number.NaN, -1]) {
      await expect(move(card, bank, amount)).rejects.toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    }
  });

  it('caps what a wallet may hold when the caller passes a cap, counting top-ups on their way in', async () => {
    const wallet: AccountRef = { wallet: await createTestUser(db), currency: USD };
    const input = (amount: number, kind: TransferInput['kind'], debit: AccountRef): TransferInput => ({
      debit,
      credit: wallet,
      amount,
      currency: USD,
      kind,
      idempotencyKey: randomUUID(),
      description: { code: 'text', params: { text: 'Top-up' } },
      walletCap: 10_000,
    });
    const capped = (amount: number) => db.write((tx) => postTransfer(tx, input(amount, 'deposit_card', card)));
    const wire = (amount: number) => db.write((tx) => createPendingTransfer(tx, input(amount, 'deposit_wire', bank)));
    await capped(6_000);
    const pending = await wire(3_000);
    await expect(capped(1_001)).rejects.toThrow(expect.objectContaining({ code: 'WALLET_LIMIT_EXCEEDED', limit: 10_000 }));
    await expect(wire(1_001)).rejects.toThrow(expect.objectContaining({ code: 'WALLET_LIMIT_EXCEEDED' }));
    await capped(1_000);
    // A top-up already accepted as pending is always posted, even under a lower cap.
    await db.write((tx) => postPendingTransfer(tx, { transferId: pending.transfer.id }));
    expect((await getBalance(db.read, wallet)).posted).toBe(10_000);
    // Money a provider already took (no cap passed) is never refused: it must land.
    await move(card, wallet, 500);
    expect((await getBalance(db.read, wallet)).posted).toBe(10_500);
    expect((await verifyLedger(db.read)).problems).toEqual([]);
  });
});

describe('verifyLedger on a damaged database', () => {
  it('reports totals beyond the safe range instead of crashing', async () => {
    const sales: AccountRef = { system: 'sales', currency: USD };
    await move(card, sales, 100);
    const code = 'system:sales:USD';
    const before = (await creditsPosted(code)) ?? 0n;
    // Someone with raw access writes a total past 2^53 (no trigger guards accounts).
    await setColumn(code, sql`${2n ** 60n}`);
    const result = await verifyLedger(db.read);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/system:sales:USD: credits_posted 1152921504606846976 is beyond the exact integer range/);
    await setColumn(code, sql`${before}`);
    expect((await verifyLedger(db.read)).problems).toEqual([]);
  });

  // A REAL can only be written into SQLite (PostgreSQL's bigint refuses a fraction).
  it.runIf(db.engine === 'sqlite')('reports REAL amounts', async () => {
    await move(card, { system: 'sales', currency: USD }, 100);
    await executeForTest(db, {
      sqlite: 'DROP TRIGGER IF EXISTS ledger_entries_no_update; UPDATE ledger_entries SET delta = delta + 0.5 WHERE id = (SELECT MAX(id) FROM ledger_entries)',
      postgres: '',
    });
    const result = await verifyLedger(db.read);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/REAL/);
    await executeForTest(db, { sqlite: 'UPDATE ledger_entries SET delta = delta - 0.5 WHERE id = (SELECT MAX(id) FROM ledger_entries)', postgres: '' });
  });
});
