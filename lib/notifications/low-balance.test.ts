import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { mailOutbox, users } from '@/db/schema';
import type { Tx } from '@/db/database';
import { accountCode, createPendingTransfer, postTransfer, verifyLedger, voidPendingTransfer } from '@/lib/ledger';
import { moveAccount } from '@/lib/ledger/statements';
import { insertTestUser } from '@/test/helpers/users';
import { getLowBalanceThreshold, setLowBalanceThreshold } from './low-balance';

const db = getDatabase();
const USD = 'USD';

function fund(userId: number, amount: number) {
  return db.write((tx) =>
    postTransfer(tx, {
      debit: { system: 'card_clearing', currency: USD },
      credit: { wallet: userId, currency: USD },
      amount,
      currency: USD,
      kind: 'deposit_card',
      idempotencyKey: `test-fund:${crypto.randomUUID()}`,
      description: { code: 'topUpCard', params: { reference: 'test' } },
    }),
  );
}

function pay(userId: number, amount: number) {
  return db.write((tx) =>
    postTransfer(tx, {
      debit: { wallet: userId, currency: USD },
      credit: { system: 'sales', currency: USD },
      amount,
      currency: USD,
      kind: 'payment',
      idempotencyKey: `test-pay:${crypto.randomUUID()}`,
      description: { code: 'orderPayment', params: { number: 'T1' } },
    }),
  );
}

async function alerts(userId: number) {
  const rows = await db.read
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.userId, userId), eq(mailOutbox.template, 'lowBalance')));
  return rows.map((row) => JSON.parse(row.params) as { balance: number; threshold: number; currency: string });
}

async function alerted(userId: number) {
  const [user] = await db.read.select({ alerted: users.lowBalanceAlerted }).from(users).where(eq(users.id, userId));
  return user?.alerted;
}

describe('low-balance alert', () => {
  it('crossing the threshold downwards sends one e-mail; payments below it send none; back above and down again sends another', async () => {
    const shopper = await insertTestUser(db);
    await setLowBalanceThreshold(db, shopper.id, 5000);
    expect(await getLowBalanceThreshold(db.read, shopper.id)).toBe(5000);
    const steps: [string, () => Promise<unknown>, number, boolean][] = [
      ['fund 100.00 → 100.00', () => fund(shopper.id, 10_000), 0, false],
      ['pay 30.00 → 70.00 (still above)', () => pay(shopper.id, 3000), 0, false],
      ['pay 20.00 → 50.00 (at the threshold is not below)', () => pay(shopper.id, 2000), 0, false],
      ['pay 10.00 → 40.00 (crosses)', () => pay(shopper.id, 1000), 1, true],
      ['pay 10.00 → 30.00 (already below)', () => pay(shopper.id, 1000), 1, true],
      ['fund 10.00 → 40.00 (still below)', () => fund(shopper.id, 1000), 1, true],
      ['fund 40.00 → 80.00 (back above: re-armed)', () => fund(shopper.id, 4000), 1, false],
      ['pay 40.00 → 40.00 (crosses again)', () => pay(shopper.id, 4000), 2, true],
    ];
    for (const [step, act, emails, flag] of steps) {
      await act();
      expect({ step, emails: (await alerts(shopper.id)).length, flag: await alerted(shopper.id) }).toEqual({ step, emails, flag });
    }
    expect(await alerts(shopper.id)).toEqual([
      { balance: 4000, threshold: 5000, currency: USD },
      { balance: 4000, threshold: 5000, currency: USD },
    ]);
  });

  it('is off by default and when the shopper turns it off', async () => {
    const shopper = await insertTestUser(db);
    await fund(shopper.id, 1000);
    await pay(shopper.id, 900);
    await setLowBalanceThreshold(db, shopper.id, 5000);
    await setLowBalanceThreshold(db, shopper.id, null);
    await fund(shopper.id, 10_000);
    await pay(shopper.id, 10_000);
    expect(await alerts(shopper.id)).toEqual([]);
    expect(await getLowBalanceThreshold(db.read, shopper.id)).toBeNull();
  });

  it('a wallet already below a new threshold does not alert until it has been back above it', async () => {
    const shopper = await insertTestUser(db);
    await fund(shopper.id, 3000);
    await setLowBalanceThreshold(db, shopper.id, 5000);
    await pay(shopper.id, 1000);
    expect(await alerts(shopper.id)).toEqual([]);
    await fund(shopper.id, 8000);
    await pay(shopper.id, 6000);
    expect(await alerts(shopper.id)).toEqual([{ balance: 4000, threshold: 5000, currency: USD }]);
  });

  it('counts a hold (money reserved for a payment in progress); releasing it re-arms the alert', async () => {
    const shopper = await insertTestUser(db);
    await setLowBalanceThreshold(db, shopper.id, 5000);
    await fund(shopper.id, 8000);
    const { transfer } = await db.write((tx) =>
      createPendingTransfer(tx, {
        debit: { wallet: shopper.id, currency: USD },
        credit: { system: 'sales', currency: USD },
        amount: 6000,
        currency: USD,
        kind: 'payment',
        idempotencyKey: `test-hold:${crypto.randomUUID()}`,
        description: { code: 'orderPayment', params: { number: 'T2' } },
      }),
    );
    expect(await alerts(shopper.id)).toEqual([{ balance: 2000, threshold: 5000, currency: USD }]);
    await db.write((tx) => voidPendingTransfer(tx, { transferId: transfer.id }));
    expect(await alerted(shopper.id)).toBe(false);
  });

  it('a rolled-back payment neither e-mails nor marks the shopper alerted', async () => {
    const shopper = await insertTestUser(db);
    await setLowBalanceThreshold(db, shopper.id, 5000);
    await fund(shopper.id, 6000);
    await expect(
      db.write(async (tx) => {
        await postTransfer(tx, {
          debit: { wallet: shopper.id, currency: USD },
          credit: { system: 'sales', currency: USD },
          amount: 2000,
          currency: USD,
          kind: 'payment',
          idempotencyKey: `test-pay:${crypto.randomUUID()}`,
          description: { code: 'orderPayment', params: { number: 'T3' } },
        });
        throw new Error('checkout failed after the debit');
      }),
    ).rejects.toThrow('checkout failed');
    expect(await alerts(shopper.id)).toEqual([]);
    expect(await alerted(shopper.id)).toBe(false);
  });

  it('two payments crossing it at the same moment send one e-mail', async () => {
    const shopper = await insertTestUser(db);
    await setLowBalanceThreshold(db, shopper.id, 5000);
    await fund(shopper.id, 6000);
    await Promise.all([pay(shopper.id, 1500), pay(shopper.id, 1500)]);
    expect(await alerts(shopper.id)).toHaveLength(1);
  });

  it('refuses a threshold that is not a positive amount', async () => {
    const shopper = await insertTestUser(db);
    await expect(setLowBalanceThreshold(db, shopper.id, 0)).rejects.toThrow(RangeError);
    await expect(setLowBalanceThreshold(db, shopper.id, 12.5)).rejects.toThrow(RangeError);
  });
});

describe("the ledger's account UPDATE tells the alert what it needs (no extra read per movement)", () => {
  const move = (tx: Tx, side: 'debit' | 'credit', code: string) =>
    moveAccount(tx, { side, mode: 'posted', code, amount: 100n, walletCap: BigInt(Number.MAX_SAFE_INTEGER) });

  it('returns the owner threshold and the available balance for a wallet, null for no threshold and for a system account', async () => {
    const watching = await insertTestUser(db);
    const quiet = await insertTestUser(db);
    await fund(watching.id, 1_000);
    await fund(quiet.id, 1_000);
    await setLowBalanceThreshold(db, watching.id, 5_000);
    // Single sides of no transfer: moved inside a transaction that is then rolled back, so nothing stays.
    const rollBack = new Error('roll back');
    let changes: Record<'watching' | 'quiet' | 'sales', Awaited<ReturnType<typeof move>>> | undefined;
    await expect(
      db.write(async (tx) => {
        changes = {
          watching: await move(tx, 'credit', accountCode({ wallet: watching.id, currency: USD })),
          quiet: await move(tx, 'credit', accountCode({ wallet: quiet.id, currency: USD })),
          sales: await move(tx, 'debit', accountCode({ system: 'sales', currency: USD })),
        };
        throw rollBack;
      }),
    ).rejects.toBe(rollBack);
    expect((await verifyLedger(db.read)).ok).toBe(true);
    expect(changes?.watching).toMatchObject({ available: 1_100, alertThreshold: 5_000 });
    expect(changes?.quiet).toMatchObject({ available: 1_100, alertThreshold: null });
    expect(changes?.sales?.alertThreshold).toBeNull();
  });
});
