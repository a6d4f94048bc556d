// Several operating-system processes (as several app servers would) pay from one wallet at once.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { ledgerTransfers, orderLines, orders } from '@/db/schema';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { listCartEntries } from '@/lib/shop/cart';
import { fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';

const run = promisify(execFile);
const db = getDatabase();
const root = path.resolve(import.meta.dirname, '..', '..');
const worker = path.join(root, 'test', 'workers', 'checkout-race-worker.ts');
type Outcome = { outcome: string; orderNumber?: string; amount?: number };

async function race(workers: { userId: number; productIds: number[]; sharedKey: string | null }[]): Promise<Outcome[]> {
  const results = await Promise.all(
    workers.map((input) =>
      run(process.execPath, ['--import', 'tsx', worker, JSON.stringify(input)], {
        cwd: root,
        // DATABASE_URL goes with it: the SQLite file or the PostgreSQL database of this test file.
        env: process.env,
        timeout: 150_000,
      }),
    ),
  );
  return results.flatMap(({ stdout }) => JSON.parse(stdout) as Outcome[]);
}

// Starting a TypeScript process takes seconds on a busy machine: these tests get more time.
const slow = { timeout: 180_000 };

describe('checkouts racing in separate processes', () => {
  it('never overdraw the wallet: paid orders add up to exactly what left it', slow, async () => {
    const shopper = await insertTestUser(db);
    const funding = 20_000;
    await fundTestWallet(db, shopper.id, funding);
    const prices = [1500, 2500, 3500, 4500];
    const workers = [];
    for (const price of prices) {
      const productIds = [];
      for (let i = 0; i < 6; i += 1) productIds.push((await insertTestProduct(db, price)).id);
      workers.push({ userId: shopper.id, productIds, sharedKey: null });
    }
    const outcomes = await race(workers);

    const paid = outcomes.filter((o) => o.outcome === 'paid');
    expect(outcomes.every((o) => ['paid', 'INSUFFICIENT_FUNDS', 'EMPTY_CART'].includes(o.outcome))).toBe(true);
    expect(paid.length).toBeGreaterThan(0);
    expect(outcomes.some((o) => o.outcome === 'INSUFFICIENT_FUNDS')).toBe(true);

    const placed = await db.read.select().from(orders).where(eq(orders.userId, shopper.id));
    expect(placed).toHaveLength(paid.length);
    expect(placed.every((order) => order.state === 'paid')).toBe(true);
    const spent = placed.reduce((sum, order) => sum + order.amountTotal, 0);
    const balance = await getBalance(db.read, { wallet: shopper.id, currency: 'USD' });
    expect(balance.available).toBeGreaterThanOrEqual(0);
    expect(balance.available).toBe(funding - spent);
    for (const order of placed) {
      const [lines] = await db.read
        .select({ total: sql<number>`sum(${orderLines.amount})`.mapWith(Number) })
        .from(orderLines)
        .where(eq(orderLines.orderId, order.id));
      const linesTotal = lines?.total;
      expect(linesTotal).toBe(order.amountTotal);
      expect(await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, order.id))).toHaveLength(1);
    }
    // Gapless order numbers even though refused attempts drew and rolled back a number.
    const numbers = placed.map((order) => Number(order.number.slice(1))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => (numbers[0] ?? 0) + i));
    // What is left in the cart is exactly what no paid order took.
    const leftInCart = (await listCartEntries(db.read, shopper.id)).length;
    let bought = 0;
    for (const order of placed) bought += (await db.read.select().from(orderLines).where(eq(orderLines.orderId, order.id))).length;
    expect(bought + leftInCart).toBe(prices.length * 6);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('one attempt key sent by four processes at once places one order and debits once', slow, async () => {
    const shopper = await insertTestUser(db);
    await fundTestWallet(db, shopper.id, 10_000);
    const product = await insertTestProduct(db, 2500);
    const sharedKey = crypto.randomUUID();
    const outcomes = await race(Array.from({ length: 4 }, () => ({ userId: shopper.id, productIds: [product.id], sharedKey })));
    expect(new Set(outcomes.map((o) => o.orderNumber))).toEqual(new Set([outcomes[0]?.orderNumber]));
    expect(outcomes.filter((o) => o.outcome === 'paid')).toHaveLength(1);
    const placed = await db.read.select().from(orders).where(eq(orders.userId, shopper.id));
    expect(placed).toHaveLength(1);
    // The processes share the cart, so the order holds 1 to 4 of the product: whatever was in it.
    expect([2500, 5000, 7500, 10_000]).toContain(placed[0]?.amountTotal);
    expect(await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, placed[0]?.id ?? 0))).toHaveLength(1);
    expect((await getBalance(db.read, { wallet: shopper.id, currency: 'USD' })).available).toBe(10_000 - (placed[0]?.amountTotal ?? 0));
  });

  it('two shoppers sending one attempt key at once get one order: the other is told KEY_CONFLICT and pays nothing', slow, async () => {
    const shoppers = [await insertTestUser(db), await insertTestUser(db)];
    const sharedKey = crypto.randomUUID();
    const inputs = [];
    for (const shopper of shoppers) {
      await fundTestWallet(db, shopper.id, 10_000);
      inputs.push({ userId: shopper.id, productIds: [(await insertTestProduct(db, 2500)).id], sharedKey });
    }
    const outcomes = await race(inputs);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['KEY_CONFLICT', 'paid']);
    const placed = await db.read.select().from(orders).where(eq(orders.checkoutKey, sharedKey));
    expect(placed).toHaveLength(1);
    const loser = shoppers.find((shopper) => shopper.id !== placed[0]?.userId);
    expect((await getBalance(db.read, { wallet: loser?.id ?? 0, currency: 'USD' })).available).toBe(10_000);
    expect(await listCartEntries(db.read, loser?.id ?? 0)).toHaveLength(1);
  });
});
