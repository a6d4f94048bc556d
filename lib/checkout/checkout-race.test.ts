// Several operating-system processes (as several app servers would) pay from one wallet at once.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { ledgerTransfers, orderLines, orders } from '@/db/schema';
import { insertTestUser } from '@/test/helpers/users';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { listCartEntries } from '@/lib/shop/cart';
import { fundTestWallet, insertTestProduct } from './test-helpers';

const run = promisify(execFile);
const worker = path.join(import.meta.dirname, 'race-worker.ts');
type Outcome = { outcome: string; orderNumber?: string; amount?: number };

async function race(workers: { userId: number; productIds: number[]; sharedKey: string | null }[]): Promise<Outcome[]> {
  const results = await Promise.all(
    workers.map((input) =>
      run(process.execPath, ['--import', 'tsx', worker, JSON.stringify(input)], {
        cwd: path.resolve(import.meta.dirname, '..', '..'),
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
    const shopper = insertTestUser();
    const funding = 20_000;
    fundTestWallet(shopper.id, funding);
    const prices = [1500, 2500, 3500, 4500];
    const workers = prices.map((price) => ({
      userId: shopper.id,
      productIds: Array.from({ length: 6 }, () => insertTestProduct(price).id),
      sharedKey: null,
    }));
    const outcomes = await race(workers);

    const paid = outcomes.filter((o) => o.outcome === 'paid');
    expect(outcomes.every((o) => ['paid', 'INSUFFICIENT_FUNDS', 'EMPTY_CART'].includes(o.outcome))).toBe(true);
    expect(paid.length).toBeGreaterThan(0);
    expect(outcomes.some((o) => o.outcome === 'INSUFFICIENT_FUNDS')).toBe(true);

    const placed = db.select().from(orders).where(eq(orders.userId, shopper.id)).all();
    expect(placed).toHaveLength(paid.length);
    expect(placed.every((order) => order.state === 'paid')).toBe(true);
    const spent = placed.reduce((sum, order) => sum + order.amountTotal, 0);
    const balance = getBalance({ wallet: shopper.id, currency: 'USD' });
    expect(balance.available).toBeGreaterThanOrEqual(0);
    expect(balance.available).toBe(funding - spent);
    for (const order of placed) {
      const linesTotal = db
        .select({ total: sql<number>`sum(${orderLines.amount})` })
        .from(orderLines)
        .where(eq(orderLines.orderId, order.id))
        .get()?.total;
      expect(linesTotal).toBe(order.amountTotal);
      expect(db.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, order.id)).all()).toHaveLength(1);
    }
    // Gapless order numbers even though refused attempts drew and rolled back a number.
    const numbers = placed.map((order) => Number(order.number.slice(1))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => (numbers[0] ?? 0) + i));
    // What is left in the cart is exactly what no paid order took.
    const leftInCart = listCartEntries(shopper.id).length;
    const bought = placed.reduce((sum, order) => sum + db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).all().length, 0);
    expect(bought + leftInCart).toBe(prices.length * 6);
    expect(verifyLedger().ok).toBe(true);
  });

  it('one attempt key sent by four processes at once places one order and debits once', slow, async () => {
    const shopper = insertTestUser();
    fundTestWallet(shopper.id, 10_000);
    const product = insertTestProduct(2500);
    const sharedKey = crypto.randomUUID();
    const outcomes = await race(Array.from({ length: 4 }, () => ({ userId: shopper.id, productIds: [product.id], sharedKey })));
    expect(new Set(outcomes.map((o) => o.orderNumber))).toEqual(new Set([outcomes[0]?.orderNumber]));
    expect(outcomes.filter((o) => o.outcome === 'paid')).toHaveLength(1);
    const placed = db.select().from(orders).where(eq(orders.userId, shopper.id)).all();
    expect(placed).toHaveLength(1);
    // The processes share the cart, so the order holds 1 to 4 of the product: whatever was in it.
    expect([2500, 5000, 7500, 10_000]).toContain(placed[0]?.amountTotal);
    expect(db.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, placed[0]?.id ?? 0)).all()).toHaveLength(1);
    expect(getBalance({ wallet: shopper.id, currency: 'USD' }).available).toBe(10_000 - (placed[0]?.amountTotal ?? 0));
  });
});
