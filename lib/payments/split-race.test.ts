// Webhook, return page and cancel racing for one split payment in separate processes (as several
// app servers would): the hold is captured or released exactly once, never both.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { ledgerTransfers, orders, payments } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';

const db = getDatabase();
const run = promisify(execFile);
// Each worker is its own process with its own connection (a pool on PostgreSQL): DATABASE_URL
// in process.env points it at this file's test database on either engine.
const worker = path.resolve(import.meta.dirname, '..', '..', 'test', 'workers', 'split-race-worker.ts');
type Outcome = { action: 'complete' | 'close'; outcome: string };

async function race(inputs: { paymentId: number; action: 'complete' | 'close' }[]): Promise<Outcome[]> {
  const results = await Promise.all(
    inputs.map((input) =>
      run(process.execPath, ['--import', 'tsx', worker, JSON.stringify(input)], {
        cwd: path.resolve(import.meta.dirname, '..', '..'),
        env: process.env,
        timeout: 150_000,
      }),
    ),
  );
  return results.map(({ stdout }) => JSON.parse(stdout) as Outcome);
}

async function splitOrder() {
  const shopper = await insertTestUser(db);
  await fundTestWallet(db, shopper.id, 10_000);
  await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 15_000), quantity: 1 }]);
  const placed = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  return { shopper, order: placed.order, cardPart: placed.payment };
}

const slow = { timeout: 180_000 };

async function expectLedgerSound() {
  const verification = await verifyLedger(db.read);
  expect(verification.ok, verification.problems.join('\n')).toBe(true);
}

describe('split payments racing in separate processes', () => {
  it('three completions (webhook, return page, retry) capture the hold once', slow, async () => {
    const { shopper, order, cardPart } = await splitOrder();
    const outcomes = await race([1, 2, 3].map(() => ({ paymentId: cardPart.id, action: 'complete' as const })));

    expect(outcomes.filter((o) => o.outcome === 'completed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'already_done')).toHaveLength(2);
    const [paid] = await db.read.select().from(orders).where(eq(orders.id, order.id));
    expect(paid?.state).toBe('paid');
    const posted = await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, order.id));
    expect(posted.map((t) => [t.state, t.amount]).sort()).toEqual([
      ['posted', 10_000],
      ['posted', 5_000],
    ]);
    expect(await getBalance(db.read, { wallet: shopper.id, currency: 'USD' })).toMatchObject({ available: 0, held: 0, posted: 0 });
    await expectLedgerSound();
  });

  it('completion and cancel racing: one wins, the hold is captured or released, never both', slow, async () => {
    const { shopper, order, cardPart } = await splitOrder();
    const outcomes = await race([
      { paymentId: cardPart.id, action: 'complete' },
      { paymentId: cardPart.id, action: 'close' },
      { paymentId: cardPart.id, action: 'complete' },
      { paymentId: cardPart.id, action: 'close' },
    ]);
    const completed = outcomes.some((o) => o.outcome === 'completed');
    const closed = outcomes.some((o) => o.outcome === 'closed');
    expect(completed !== closed).toBe(true);

    const parts = await db.read.select().from(payments).where(eq(payments.orderId, order.id)).orderBy(payments.id);
    const balance = await getBalance(db.read, { wallet: shopper.id, currency: 'USD' });
    if (completed) {
      expect(parts.map((p) => p.state)).toEqual(['done', 'done']);
      expect(balance).toMatchObject({ available: 0, held: 0, posted: 0 });
    } else {
      expect(parts.map((p) => p.state)).toEqual(['canceled', 'canceled']);
      expect(balance).toMatchObject({ available: 10_000, held: 0, posted: 10_000 });
    }
    await expectLedgerSound();
  });
});
