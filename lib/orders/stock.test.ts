import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { orderLines, orders, products } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { listCartEntries } from '@/lib/shop/cart';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { OutOfStockError, releaseStock, reserveStock } from './stock';

const db = getDatabase();
const stockOf = async (productId: number) => (await db.read.select({ stock: products.stock }).from(products).where(eq(products.id, productId)))[0]?.stock;
const key = () => crypto.randomUUID();

describe('reserveStock', () => {
  it('takes tracked stock in the UPDATE, reports 0 for untracked products, and keeps the order of the lines', async () => {
    const tracked = await insertTestProduct(db, 1000, { stock: 5 });
    const untracked = await insertTestProduct(db, 1000, { stock: null });
    const reserved = await db.write((tx) =>
      reserveStock(tx, [
        { productId: untracked.id, quantity: 7 },
        { productId: tracked.id, quantity: 3 },
      ]),
    );
    expect(reserved).toEqual([0, 3]);
    expect(await stockOf(tracked.id)).toBe(2);
    expect(await stockOf(untracked.id)).toBeNull();
  });

  it('refuses a line asking for more than is left, naming the product and what is left; the transaction rolls back', async () => {
    const plenty = await insertTestProduct(db, 1000, { stock: 10 });
    const scarce = await insertTestProduct(db, 1000, { stock: 2, name: 'Last Lamp' });
    const attempt = db.write((tx) =>
      reserveStock(tx, [
        { productId: plenty.id, quantity: 4 },
        { productId: scarce.id, quantity: 3 },
      ]),
    );
    await expect(attempt).rejects.toSatisfy(
      (error) => error instanceof OutOfStockError && error.code === 'OUT_OF_STOCK' && error.params.name === 'Last Lamp' && error.params.left === 2,
    );
    expect(await stockOf(plenty.id)).toBe(10);
    expect(await stockOf(scarce.id)).toBe(2);
  });

  it('lets exactly one of two transactions at once take the last item', async () => {
    const last = await insertTestProduct(db, 1000, { stock: 1 });
    const outcomes = await Promise.allSettled([
      db.write((tx) => reserveStock(tx, [{ productId: last.id, quantity: 1 }])),
      db.write((tx) => reserveStock(tx, [{ productId: last.id, quantity: 1 }])),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason instanceof OutOfStockError && refused.reason.params.left === 0).toBe(true);
    expect(await stockOf(last.id)).toBe(0);
  });
});

describe('releaseStock', () => {
  async function placedWith(lines: { stock: number | null; quantity: number }[]) {
    const shopper = await insertTestUser(db);
    const items = [];
    for (const line of lines) items.push({ product: await insertTestProduct(db, 500, { stock: line.stock }), quantity: line.quantity });
    await fillTestCart(db, shopper.id, items);
    const { order } = await placeOrder(db, shopper, { method: 'cash_on_delivery', checkoutKey: key() });
    return { order, products: items.map((item) => item.product) };
  }

  it('gives back what the order took, once, however often it is called', async () => {
    const { order, products: [a, b] } = await placedWith([{ stock: 4, quantity: 3 }, { stock: null, quantity: 2 }]);
    expect(await stockOf(a?.id ?? 0)).toBe(1);
    const lines = await db.read.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(orderLines.id);
    expect(lines.map((line) => line.stockReserved)).toEqual([3, 0]);

    expect(await db.write((tx) => releaseStock(tx, order.id))).toBe(3);
    expect(await db.write((tx) => releaseStock(tx, order.id))).toBe(0);
    expect(await stockOf(a?.id ?? 0)).toBe(4);
    expect(await stockOf(b?.id ?? 0)).toBeNull();
    const after = await db.read.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    expect(after.every((line) => line.stockReserved === 0)).toBe(true);
  });

  it('gives back once when two cancels release at the same moment', async () => {
    const { order, products: [a] } = await placedWith([{ stock: 3, quantity: 2 }]);
    const given = await Promise.all([db.write((tx) => releaseStock(tx, order.id)), db.write((tx) => releaseStock(tx, order.id))]);
    expect(given.sort()).toEqual([0, 2]);
    expect(await stockOf(a?.id ?? 0)).toBe(3);
  });

  it('gives nothing to a product whose stock is no longer tracked', async () => {
    const { order, products: [a] } = await placedWith([{ stock: 3, quantity: 2 }]);
    await db.write((tx) => tx.update(products).set({ stock: null }).where(eq(products.id, a?.id ?? 0)));
    expect(await db.write((tx) => releaseStock(tx, order.id))).toBe(0);
    expect(await stockOf(a?.id ?? 0)).toBeNull();
  });
});

// Several operating-system processes (as several app servers would) check out the last item at once.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const worker = path.join(root, 'test', 'workers', 'checkout-race-worker.ts');

describe('two shoppers racing for the last item in separate processes', () => {
  it('get exactly one order; the other is refused and keeps nothing taken', { timeout: 180_000 }, async () => {
    const last = await insertTestProduct(db, 2500, { stock: 1 });
    const shoppers = [await insertTestUser(db), await insertTestUser(db)];
    for (const shopper of shoppers) await fundTestWallet(db, shopper.id, 10_000);
    const results = await Promise.all(
      shoppers.map((shopper) =>
        run(process.execPath, ['--import', 'tsx', worker, JSON.stringify({ userId: shopper.id, productIds: [last.id], sharedKey: null })], {
          cwd: root,
          env: process.env,
          timeout: 150_000,
        }),
      ),
    );
    const outcomes = results.flatMap(({ stdout }) => JSON.parse(stdout) as { outcome: string }[]).map((o) => o.outcome);
    expect(outcomes.filter((outcome) => outcome === 'paid')).toHaveLength(1);
    // The other saw it sold out at checkout, or (if the cart already refuses sold-out products) could not add it.
    expect(outcomes.filter((outcome) => outcome !== 'paid').every((outcome) => ['OUT_OF_STOCK', 'EMPTY_CART'].includes(outcome))).toBe(true);
    const placed = await db.read.select().from(orderLines).where(eq(orderLines.productId, last.id));
    expect(placed).toHaveLength(1);
    expect(placed[0]?.stockReserved).toBe(1);
    expect(await stockOf(last.id)).toBe(0);
    const winner = (await db.read.select().from(orders).where(eq(orders.id, placed[0]?.orderId ?? 0)))[0];
    const loser = shoppers.find((shopper) => shopper.id !== winner?.userId);
    expect(await db.read.select().from(orders).where(eq(orders.userId, loser?.id ?? 0))).toEqual([]);
    // A refused checkout leaves the cart as it was.
    if (outcomes.includes('OUT_OF_STOCK')) expect(await listCartEntries(db.read, loser?.id ?? 0)).toEqual([{ productId: last.id, quantity: 1 }]);
  });
});
