import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { postTransfer } from '@/lib/ledger';
import { startTopUp } from '@/lib/wallet/top-ups';
import { getSettings, updateSettings } from '@/lib/settings';
import { insertTaxedOrder } from '@/test/helpers/taxed-orders';
import { insertTestUser } from '@/test/helpers/users';
import { getDashboard, getShopFigures, walletLiabilitySeries } from './dashboard';
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

describe('getShopFigures', () => {
  it("counts today's and this month's orders and sales by the shop's days (Europe/Istanbul, UTC+3), and the orders waiting to ship", async () => {
    await db.write((tx) => updateSettings(tx, { timeZone: 'Europe/Istanbul' }));
    const shopper = await insertTestUser(db);
    const order = (total: number, at: string, options: Parameters<typeof insertTaxedOrder>[3] = {}) =>
      insertTaxedOrder(db, shopper.id, [{ name: 'Beans', quantity: 1, unitPrice: total, rateBp: 1_000 }], { createdAt: new Date(at), ...options });
    await order(10_000, '2026-03-14T21:30:00Z'); // 00:30 on 15 March in Istanbul: today
    await order(20_000, '2026-03-14T20:30:00Z'); // 23:30 on 14 March: yesterday
    await order(40_000, '2026-02-28T21:30:00Z', { state: 'shipped' }); // 00:30 on 1 March: this month
    await order(80_000, '2026-02-28T20:59:00Z', { state: 'delivered' }); // 23:59 on 28 February: last month
    await order(5_000, '2026-03-15T09:00:00Z', { state: 'confirmed' }); // placed today, not paid
    await order(7_000, '2026-03-15T08:00:00Z', { state: 'canceled', paidAt: null }); // cancelled: not counted
    await order(9_000, '2026-02-20T10:00:00Z', { state: 'processing' }); // being prepared
    await order(3_000, '2026-03-15T07:00:00Z', { currency: 'EUR' });

    const { timeZone, currency } = await getSettings(db.read);
    expect(timeZone).toBe('Europe/Istanbul');
    const figures = await getShopFigures(db.read, { currency, timeZone, now: Date.parse('2026-03-15T10:00:00Z') });
    expect(figures.today).toEqual({
      placed: 3,
      sales: [
        { currency: 'EUR', count: 1, amount: 3_000 },
        { currency: 'USD', count: 1, amount: 10_000 },
      ],
    });
    expect(figures.month).toEqual({
      placed: 5,
      sales: [
        { currency: 'EUR', count: 1, amount: 3_000 },
        { currency: 'USD', count: 3, amount: 70_000 },
      ],
    });
    expect(figures.waitingToShip).toBe(4); // two paid today and yesterday, the EUR one, the one being prepared
    expect(figures.salesSeries).toHaveLength(30);
    expect(figures.salesSeries[0]?.date).toBe('2026-02-14');
    expect(figures.salesSeries.filter((point) => point.count > 0)).toEqual([
      { date: '2026-02-20', amount: 9_000, count: 1 },
      { date: '2026-02-28', amount: 80_000, count: 1 },
      { date: '2026-03-01', amount: 40_000, count: 1 },
      { date: '2026-03-14', amount: 20_000, count: 1 },
      { date: '2026-03-15', amount: 10_000, count: 1 },
    ]);

    // At 20:59 UTC it is still 15 March in Istanbul; a minute later, 16 March: today starts empty.
    const lateToday = await getShopFigures(db.read, { currency, timeZone, now: Date.parse('2026-03-15T20:59:00Z') });
    expect(lateToday.today.sales).toHaveLength(2);
    const tomorrow = await getShopFigures(db.read, { currency, timeZone, now: Date.parse('2026-03-15T21:00:00Z') });
    expect(tomorrow.today).toEqual({ placed: 0, sales: [] });
    expect(tomorrow.salesSeries.at(-1)).toEqual({ date: '2026-03-16', amount: 0, count: 0 });
    // In UTC the same orders fall on other days.
    const utc = await getShopFigures(db.read, { currency, timeZone: 'UTC', now: Date.parse('2026-03-15T10:00:00Z') });
    expect(utc.today.sales).toEqual([{ currency: 'EUR', count: 1, amount: 3_000 }]);
  });
});
