import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { postTransfer } from '@/lib/ledger';
import { startTopUp } from '@/lib/wallet/top-ups';
import { insertTestUser } from '@/test/helpers/users';
import { getDashboard, walletLiabilitySeries } from './dashboard';
import { sendMoney, withdrawMoney } from './wallet-adjustments';

const db = getDatabase();
const dayMs = 86_400_000;

describe('getDashboard', () => {
  it('sums wallet balances per currency, equal to the ledger, with pending wires and recent activity', async () => {
    const empty = await getDashboard(db.read);
    expect(empty.liabilities).toEqual([{ currency: 'USD', total: 0, ledgerTotal: 0, pendingIncoming: 0, wallets: 0 }]);
    expect(empty.ledger.ok).toBe(true);

    const staff = await insertTestUser(db, 'staff');
    const [ana, bo] = [await insertTestUser(db), await insertTestUser(db)];
    if (!ana || !bo) throw new Error('users');
    await sendMoney(db, { customerId: ana.id, staffId: staff.id, amount: 5_000, reason: 'Welcome', attemptKey: crypto.randomUUID() });
    await withdrawMoney(db, { customerId: ana.id, staffId: staff.id, amount: 1_000, reason: 'Fix', attemptKey: crypto.randomUUID() });
    await db.write((tx) => postTransfer(tx, {
      debit: { system: 'card_clearing', currency: 'USD' },
      credit: { wallet: bo.id, currency: 'USD' },
      amount: 2_500,
      currency: 'USD',
      kind: 'deposit_card',
      idempotencyKey: crypto.randomUUID(),
      description: { code: 'text', params: { text: 'Top-up by card' } },
    }));
    await db.write((tx) => postTransfer(tx, {
      debit: { wallet: bo.id, currency: 'USD' },
      credit: { system: 'sales', currency: 'USD' },
      amount: 700,
      currency: 'USD',
      kind: 'payment',
      idempotencyKey: crypto.randomUUID(),
      description: { code: 'text', params: { text: 'Payment for an order' } },
    }));
    await startTopUp(db, bo, { amount: '30.00', method: 'wire_transfer', attemptKey: crypto.randomUUID() });
    await startTopUp(db, ana, { amount: '12.34', method: 'wire_transfer', attemptKey: crypto.randomUUID() });

    const dashboard = await getDashboard(db.read);
    expect(dashboard.liabilities).toEqual([{ currency: 'USD', total: 5_800, ledgerTotal: 5_800, pendingIncoming: 4_234, wallets: 2 }]);
    expect(dashboard.ledger.ok).toBe(true);
    expect(dashboard.pendingWireTopUps).toEqual([{ currency: 'USD', count: 2, amount: 4_234 }]);
    expect(dashboard.topUpsLast30Days).toEqual([{ currency: 'USD', count: 1, amount: 2_500 }]);
    expect(dashboard.walletPaymentsLast30Days).toEqual([{ currency: 'USD', count: 1, amount: 700 }]);
    expect(dashboard.liabilitySeries.at(-1)).toEqual({ date: new Date().toISOString().slice(0, 10), total: 5_800 });
    expect((await getDashboard(db.read, Date.now() + 31 * dayMs)).topUpsLast30Days).toEqual([]);
  });
});

describe('walletLiabilitySeries', () => {
  it('runs day by day up to today, at least a week, carrying the total over quiet days', async () => {
    const now = Date.now();
    const series = await walletLiabilitySeries(db.read, 'USD', { now: now + 3 * dayMs });
    expect(series.length).toBeGreaterThanOrEqual(7);
    const last = series.at(-1);
    expect(last?.date).toBe(new Date(now + 3 * dayMs).toISOString().slice(0, 10));
    expect(series.slice(-4).map((point) => point.total)).toEqual(Array(4).fill(last?.total));
    expect(await walletLiabilitySeries(db.read, 'EUR', { now })).toEqual(
      Array.from({ length: 7 }, (_, index) => ({ date: new Date(now - (6 - index) * dayMs).toISOString().slice(0, 10), total: 0 })),
    );
  });
});
