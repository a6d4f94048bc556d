import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqlite } from '@/db/client';
import { MAX_AMOUNT_MINOR } from '@/lib/money';
import {
  createPendingTransfer,
  getBalance,
  listAccountHistory,
  postPendingTransfer,
  postTransfer,
  verifyLedger,
  type AccountRef,
} from './index';
import { createTestUser } from './test-helpers';

const USD = 'USD';
const adjustments: AccountRef = { system: 'adjustments', currency: USD };
const refunds: AccountRef = { system: 'refunds', currency: USD };
const card: AccountRef = { system: 'card_clearing', currency: USD };
const bank: AccountRef = { system: 'bank_clearing', currency: USD };

function move(debit: AccountRef, credit: AccountRef, amount: number) {
  return postTransfer({ debit, credit, amount, currency: USD, kind: 'balance_reset', idempotencyKey: randomUUID(), description: 'test' });
}

function accountColumns(code: string) {
  return sqlite
    .prepare<[string], { credits_posted: bigint; typeof_credits: string }>(
      `SELECT credits_posted, typeof(credits_posted) AS typeof_credits FROM ledger_accounts WHERE code = ?`,
    )
    .safeIntegers(true)
    .get(code);
}

describe('amounts past 2^53', () => {
  it('binds amounts as SQLite integers, never REAL', () => {
    move(adjustments, refunds, 12_345);
    const types = sqlite
      .prepare(`SELECT typeof(amount) AS t FROM ledger_transfers UNION SELECT typeof(delta) FROM ledger_entries UNION SELECT typeof(balance_after) FROM ledger_entries`)
      .all();
    expect(types).toEqual([{ t: 'integer' }]);
  });

  it('refuses a transfer that would take an account total past Number.MAX_SAFE_INTEGER: no cent appears', () => {
    // 9 × 10^15 is exact; one more transfer would land on 9_007_199_254_740_995, which a double
    // rounds to …996: a cent from nowhere if the total were added as floating point.
    const start = getBalance(refunds).posted;
    const room = Number.MAX_SAFE_INTEGER - start;
    let sent = 0;
    while (room - sent > MAX_AMOUNT_MINOR + 10) {
      move(adjustments, refunds, MAX_AMOUNT_MINOR);
      sent += MAX_AMOUNT_MINOR;
    }
    const tooMuch = room - sent + 4; // past MAX_SAFE_INTEGER by 4
    expect(() => move(adjustments, refunds, tooMuch)).toThrow(expect.objectContaining({ code: 'ACCOUNT_TOTAL_OUT_OF_RANGE' }));
    const columns = accountColumns('system:refunds:USD');
    expect(columns?.typeof_credits).toBe('integer');
    expect(columns?.credits_posted).toBe(BigInt(start) + BigInt(sent));

    // Exactly up to the largest safe integer still works, and reads back exact.
    move(adjustments, refunds, room - sent);
    expect(getBalance(refunds).posted).toBe(Number.MAX_SAFE_INTEGER);
    expect(listAccountHistory(refunds, { pageSize: 1 }).rows[0]?.balanceAfter).toBe(Number.MAX_SAFE_INTEGER);
    expect(verifyLedger().problems).toEqual([]);
  });

  it('refuses to bind an amount that is not a safe integer', () => {
    for (const amount of [1.5, 2 ** 53 + 2, Number.NaN, -1]) {
      expect(() => move(card, bank, amount)).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    }
  });

  it('caps what a wallet may hold when the caller passes a cap, counting top-ups on their way in', () => {
    const wallet: AccountRef = { wallet: createTestUser(), currency: USD };
    const capped = (amount: number, walletCap: number) =>
      postTransfer({ debit: card, credit: wallet, amount, currency: USD, kind: 'deposit_card', idempotencyKey: randomUUID(), description: 'Top-up', walletCap });
    capped(6_000, 10_000);
    const wire = createPendingTransfer({ debit: bank, credit: wallet, amount: 3_000, currency: USD, kind: 'deposit_wire', idempotencyKey: randomUUID(), description: 'Wire', walletCap: 10_000 });
    expect(() => capped(1_001, 10_000)).toThrow(expect.objectContaining({ code: 'WALLET_LIMIT_EXCEEDED', limit: 10_000 }));
    expect(() =>
      createPendingTransfer({ debit: bank, credit: wallet, amount: 1_001, currency: USD, kind: 'deposit_wire', idempotencyKey: randomUUID(), description: 'Wire', walletCap: 10_000 }),
    ).toThrow(expect.objectContaining({ code: 'WALLET_LIMIT_EXCEEDED' }));
    capped(1_000, 10_000);
    // A top-up already accepted as pending is always posted, even under a lower cap.
    postPendingTransfer({ transferId: wire.transfer.id });
    expect(getBalance(wallet).posted).toBe(10_000);
    // Money a provider already took (no cap passed) is never refused: it must land.
    move(card, wallet, 500);
    expect(getBalance(wallet).posted).toBe(10_500);
    expect(verifyLedger().problems).toEqual([]);
  });
});

describe('verifyLedger on a damaged file', () => {
  it('reports REAL amounts and totals beyond the safe range instead of crashing', () => {
    const sales: AccountRef = { system: 'sales', currency: USD };
    move(card, sales, 100);
    const code = 'system:sales:USD';
    const before = accountColumns(code)?.credits_posted ?? 0n;
    // Someone with raw access writes a REAL and a total past 2^53 (no trigger guards accounts).
    sqlite.prepare(`UPDATE ledger_accounts SET credits_posted = ? WHERE code = ?`).run(2n ** 60n, code);
    sqlite.exec(`DROP TRIGGER IF EXISTS ledger_entries_no_update`);
    sqlite.prepare(`UPDATE ledger_entries SET delta = delta + 0.5 WHERE id = (SELECT MAX(id) FROM ledger_entries)`).run();

    const result = verifyLedger();
    expect(result.ok).toBe(false);
    const text = result.problems.join('\n');
    expect(text).toMatch(/system:sales:USD: credits_posted 1152921504606846976 is beyond the exact integer range/);
    expect(text).toMatch(/REAL/);

    sqlite.prepare(`UPDATE ledger_accounts SET credits_posted = ? WHERE code = ?`).run(before, code);
    sqlite.prepare(`UPDATE ledger_entries SET delta = delta - 0.5 WHERE id = (SELECT MAX(id) FROM ledger_entries)`).run();
  });
});
