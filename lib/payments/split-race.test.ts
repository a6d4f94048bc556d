// Webhook, return page and cancel racing for one split payment in separate processes (as several
// app servers would): the hold is captured or released exactly once, never both.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { ledgerTransfers, orders, payments } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/lib/checkout/test-helpers';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';

const run = promisify(execFile);
const worker = path.join(import.meta.dirname, 'split-race-worker.ts');
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
  const shopper = insertTestUser();
  fundTestWallet(shopper.id, 10_000);
  fillTestCart(shopper.id, [{ product: insertTestProduct(15_000), quantity: 1 }]);
  const placed = await placeOrder(shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  return { shopper, order: placed.order, cardPart: placed.payment };
}

const slow = { timeout: 180_000 };

describe('split payments racing in separate processes', () => {
  it('three completions (webhook, return page, retry) capture the hold once', slow, async () => {
    const { shopper, order, cardPart } = await splitOrder();
    const outcomes = await race([1, 2, 3].map(() => ({ paymentId: cardPart.id, action: 'complete' as const })));

    expect(outcomes.filter((o) => o.outcome === 'completed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'already_done')).toHaveLength(2);
    expect(db.select().from(orders).where(eq(orders.id, order.id)).get()?.state).toBe('paid');
    const posted = db.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, order.id)).all();
    expect(posted.map((t) => [t.state, t.amount]).sort()).toEqual([
      ['posted', 10_000],
      ['posted', 5_000],
    ]);
    expect(getBalance({ wallet: shopper.id, currency: 'USD' })).toMatchObject({ available: 0, held: 0, posted: 0 });
    expect(verifyLedger().ok).toBe(true);
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

    const parts = db.select().from(payments).where(eq(payments.orderId, order.id)).all();
    const balance = getBalance({ wallet: shopper.id, currency: 'USD' });
    if (completed) {
      expect(parts.map((p) => p.state)).toEqual(['done', 'done']);
      expect(balance).toMatchObject({ available: 0, held: 0, posted: 0 });
    } else {
      expect(parts.map((p) => p.state)).toEqual(['canceled', 'canceled']);
      expect(balance).toMatchObject({ available: 10_000, held: 0, posted: 10_000 });
    }
    expect(verifyLedger().ok).toBe(true);
  });
});
