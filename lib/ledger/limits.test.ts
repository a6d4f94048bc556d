import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import type { TransferKind } from '@/db/schema';
import {
  createPendingTransfer,
  getWalletBalance,
  getWalletNegativeLimit,
  InsufficientFundsError,
  InvalidAmountError,
  postTransfer,
  setWalletNegativeLimit,
  verifyLedger,
  voidPendingTransfer,
  type AccountRef,
} from './index';
import { createTestUser } from './test-helpers';

const db = getDatabase();
const USD = 'USD';
const card: AccountRef = { system: 'card_clearing', currency: USD };
const sales: AccountRef = { system: 'sales', currency: USD };
// A withdrawal holds its amount wallet → bank_clearing until staff pay it out (lib/withdrawals).
const bank: AccountRef = { system: 'bank_clearing', currency: USD };

const setLimit = (userId: number, limit: number) => db.write((tx) => setWalletNegativeLimit(tx, { wallet: userId, currency: USD }, limit));
const limitOf = (userId: number) => getWalletNegativeLimit(db.read, { wallet: userId, currency: USD });
const available = async (userId: number) => (await getWalletBalance(db.read, userId, USD)).available;

function fund(userId: number, amount: number) {
  return db.write((tx) =>
    postTransfer(tx, { debit: card, credit: { wallet: userId, currency: USD }, amount, currency: USD, kind: 'deposit_card', idempotencyKey: randomUUID(), description: { code: 'text', params: { text: 'Top-up' } } }),
  );
}

/** A debit of the wallet: posted (a payment, a remittance back to the shop) or pending (a hold, a withdrawal). */
function debit(userId: number, amount: number, mode: 'posted' | 'pending' = 'posted', kind: TransferKind = 'payment', credit: AccountRef = sales) {
  const input = { debit: { wallet: userId, currency: USD }, credit, amount, currency: USD, kind, idempotencyKey: randomUUID(), description: { code: 'text' as const, params: { text: 'Debit' } } };
  return db.write((tx) => (mode === 'posted' ? postTransfer(tx, input) : createPendingTransfer(tx, input)));
}

async function expectLedgerOk() {
  const verification = await verifyLedger(db.read);
  expect(verification.problems).toEqual([]);
}

describe('a wallet overdraft limit (setWalletNegativeLimit)', () => {
  it('is 0 for a wallet without an account and for a new one', async () => {
    const shopper = await createTestUser(db);
    expect(await limitOf(shopper)).toBe(0);
    await fund(shopper, 100);
    expect(await limitOf(shopper)).toBe(0);
  });

  // With a limit of 10.00 an empty wallet can be debited 10.00 and not 10.01, whatever the debit.
  it.each([
    { what: 'a payment (posted)', mode: 'posted' as const, kind: 'payment' as const, credit: sales },
    { what: 'a Wallet and Card hold (pending)', mode: 'pending' as const, kind: 'payment' as const, credit: sales },
    // The ledger lets any pending debit use the limit; lib/withdrawals itself refuses to draw on it.
    { what: 'a pending withdrawal transfer (at the ledger)', mode: 'pending' as const, kind: 'withdrawal' as const, credit: bank },
  ])('lets $what take an empty wallet down to the limit, not a cent further', async ({ mode, kind, credit }) => {
    const shopper = await createTestUser(db);
    expect(await setLimit(shopper, 1000)).toEqual({ ok: true, negativeLimit: 1000 });
    await expect(debit(shopper, 1001, mode, kind, credit)).rejects.toThrow(InsufficientFundsError);
    expect(await available(shopper)).toBe(0);
    await debit(shopper, 1000, mode, kind, credit);
    expect(await available(shopper)).toBe(-1000);
    await expect(debit(shopper, 1, mode, kind, credit)).rejects.toThrow(expect.objectContaining({ code: 'INSUFFICIENT_FUNDS', available: -1000, requested: 1 }));
    await expectLedgerOk();
  });

  it.each([
    // [funded, limit, debit, allowed]
    [500, 1000, 1500, true],
    [500, 1000, 1501, false],
    [0, 0, 1, false],
    [0, 1, 1, true],
    [0, 999_999_999_999, 999_999_999_999, true],
  ])('a wallet holding %i with limit %i debited %i: allowed %s', async (funded, limit, amount, allowed) => {
    const shopper = await createTestUser(db);
    if (funded > 0) await fund(shopper, funded);
    await setLimit(shopper, limit);
    const attempt = debit(shopper, amount);
    if (allowed) await expect(attempt).resolves.toBeDefined();
    else await expect(attempt).rejects.toThrow(InsufficientFundsError);
    expect(await available(shopper)).toBe(allowed ? funded - amount : funded);
  });

  it('may be raised at any time, and lowered only down to what the wallet already uses', async () => {
    const shopper = await createTestUser(db);
    await setLimit(shopper, 1000);
    await debit(shopper, 600);
    const hold = await debit(shopper, 200, 'pending');
    // Used: 800 below zero (600 paid, 200 held).
    expect(await setLimit(shopper, 799)).toEqual({ ok: false, available: -800 });
    expect(await limitOf(shopper)).toBe(1000);
    expect(await setLimit(shopper, 800)).toEqual({ ok: true, negativeLimit: 800 });
    expect(await setLimit(shopper, 5000)).toEqual({ ok: true, negativeLimit: 5000 });
    expect(await setLimit(shopper, 0)).toEqual({ ok: false, available: -800 });
    // A released hold frees its part of the limit.
    await db.write((tx) => voidPendingTransfer(tx, { transferId: hold.transfer.id }));
    expect(await setLimit(shopper, 600)).toEqual({ ok: true, negativeLimit: 600 });
    await fund(shopper, 600);
    expect(await setLimit(shopper, 0)).toEqual({ ok: true, negativeLimit: 0 });
    await expect(debit(shopper, 1)).rejects.toThrow(InsufficientFundsError);
    await expectLedgerOk();
  });

  it.each([-1, 1.5, Number.NaN, 1e18])('refuses %s as a limit', async (limit) => {
    const shopper = await createTestUser(db);
    await expect(setLimit(shopper, limit)).rejects.toThrow(InvalidAmountError);
    expect(await limitOf(shopper)).toBe(0);
  });

  it('lets concurrent debits take the wallet down to the limit and no further', async () => {
    const shopper = await createTestUser(db);
    await setLimit(shopper, 1000);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, n) => debit(shopper, 300, n % 2 === 0 ? 'posted' : 'pending')));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
    for (const result of results) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(InsufficientFundsError);
    expect(await available(shopper)).toBe(-900);
    await expectLedgerOk();
  });

  it('never lets a lowered limit and a debit racing it both pass', async () => {
    for (let round = 0; round < 5; round += 1) {
      const shopper = await createTestUser(db);
      await setLimit(shopper, 1000);
      const [paid, lowered] = await Promise.allSettled([debit(shopper, 600), setLimit(shopper, 500)]);
      const loweredOk = lowered.status === 'fulfilled' && lowered.value.ok;
      // One of the two wins; whichever committed first decides the other.
      expect(paid.status === 'fulfilled').toBe(!loweredOk);
      expect(await limitOf(shopper)).toBe(loweredOk ? 500 : 1000);
      expect(await available(shopper)).toBe(loweredOk ? 0 : -600);
    }
    await expectLedgerOk();
  });
});
