import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { payments } from '@/db/schema';
import { jobs, runJob } from '@/lib/jobs';
import { verifyLedger } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { updateSettings } from '@/lib/settings';
import { eventsOf, orderRow, placeTestOrder, stockOf, walletAvailable } from '@/test/helpers/order-lifecycle';
import { cancelAbandonedOrders } from './abandoned';

const db = getDatabase();
const minutes = (n: number) => n * 60_000;
/** The clock the job is given: `n` minutes from now (no sleeps; orders are placed at the real now). */
const inMinutes = (n: number) => new Date(Date.now() + minutes(n));
const states = async (orderIds: number[]) => Promise.all(orderIds.map(async (id) => (await orderRow(db, id)).state));

describe('cancelAbandonedOrders (the cancel-abandoned-orders job)', () => {
  it('cancels card orders left unpaid for longer than settings.abandonedOrderMinutes, and nothing else', async () => {
    await db.write((tx) => updateSettings(tx, { abandonedOrderMinutes: 30 }));
    const card = await placeTestOrder(db, 'card');
    const split = await placeTestOrder(db, 'wallet_and_card', { funded: 4_000 });
    const wire = await placeTestOrder(db, 'wire_transfer');
    const cash = await placeTestOrder(db, 'cash_on_delivery');
    const paid = await placeTestOrder(db, 'card');
    await db.write((tx) => completePayment(tx, paid.payment.id));
    const ids = [card, split, wire, cash, paid].map((placed) => placed.order.id);

    await cancelAbandonedOrders(db, inMinutes(29));
    expect(await states(ids)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed', 'paid']);

    const report = await cancelAbandonedOrders(db, inMinutes(31));
    expect(report.canceled).toBeGreaterThanOrEqual(2);
    expect(await states(ids)).toEqual(['canceled', 'canceled', 'confirmed', 'confirmed', 'paid']);
    // Cancelled as the shop (no actor), the stock back, the Wallet and Card hold released.
    expect((await eventsOf(db, card.order.id)).at(-1)).toEqual(['confirmed', 'canceled']);
    expect(await stockOf(db, card.product.id)).toBe(5);
    expect(await walletAvailable(db, split.shopper.id)).toBe(4_000);
    const [cardPayment] = await db.read.select().from(payments).where(eq(payments.id, card.payment.id));
    expect(cardPayment).toMatchObject({ state: 'canceled', failureCode: 'orderCanceled' });
    expect((await verifyLedger(db.read)).ok).toBe(true);
    await db.write((tx) => updateSettings(tx, { abandonedOrderMinutes: 60 }));
  });

  it('a shopper who tried again recently keeps the order', async () => {
    const placed = await placeTestOrder(db, 'card');
    // A second card attempt begun 50 minutes after the order was placed.
    await db.write((tx) => tx.update(payments).set({ createdAt: inMinutes(50), updatedAt: inMinutes(50) }).where(eq(payments.id, placed.payment.id)));
    await cancelAbandonedOrders(db, inMinutes(61));
    expect((await orderRow(db, placed.order.id)).state).toBe('confirmed');
    await cancelAbandonedOrders(db, inMinutes(111));
    expect((await orderRow(db, placed.order.id)).state).toBe('canceled');
  });

  it('two runners at once (two app servers) cancel each order once', async () => {
    const orders = await Promise.all([placeTestOrder(db, 'card'), placeTestOrder(db, 'card'), placeTestOrder(db, 'wallet_and_card', { funded: 1_000 })]);
    const later = inMinutes(61);
    const reports = await Promise.all([cancelAbandonedOrders(db, later), cancelAbandonedOrders(db, later)]);
    for (const placed of orders) {
      expect((await eventsOf(db, placed.order.id)).filter(([, to]) => to === 'canceled')).toHaveLength(1);
      expect(await stockOf(db, placed.product.id)).toBe(5);
    }
    expect(reports[0].canceled + reports[1].canceled).toBeGreaterThanOrEqual(orders.length);
    expect(await walletAvailable(db, orders[2].shopper.id)).toBe(1_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('is a scheduled job under a lease: a second server asking at the same time is skipped', async () => {
    const job = jobs.find((candidate) => candidate.name === 'cancel-abandoned-orders');
    expect(job).toBeDefined();
    if (!job) return;
    const placed = await placeTestOrder(db, 'card');
    const later = inMinutes(61);
    const results = await Promise.all([runJob(db, job, later), runJob(db, job, later)]);
    expect(results.filter((result) => 'skipped' in result)).toHaveLength(1);
    expect(results.find((result) => 'result' in result)).toMatchObject({ ok: true, result: { canceled: expect.any(Number), skipped: 0 } });
    expect((await orderRow(db, placed.order.id)).state).toBe('canceled');
  });
});
