import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog } from '@/db/schema';
import { createPendingTransfer, getBalance, listAccountHistory, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { resetBalance, sendMoney, withdrawMoney } from './wallet-adjustments';

const db = getDatabase();
const wallet = (userId: number) => getBalance(db.read, { wallet: userId, currency: 'USD' });
const history = async (userId: number) => (await listAccountHistory(db.read, { wallet: userId, currency: 'USD' })).rows;
const auditsBy = (staffId: number) => db.read.select().from(auditLog).where(eq(auditLog.actorId, staffId));

async function setUp() {
  return { customer: await insertTestUser(db), staff: await insertTestUser(db, 'staff') };
}

function input(customerId: number, staffId: number, amount: number, reason = 'Goodwill gesture', attemptKey: string = crypto.randomUUID()) {
  return { customerId, staffId, amount, reason, attemptKey };
}

describe('sendMoney', () => {
  it('credits the wallet from the adjustments account with the reason in the history and the audit log', async () => {
    const { customer, staff } = await setUp();
    const result = await sendMoney(db, input(customer.id, staff.id, 1_250, '  Late delivery  '));
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.transfer).toMatchObject({ kind: 'remittance_send', amount: 1_250, createdBy: staff.id, memo: 'Late delivery' });
    expect(result.balance.available).toBe(1_250);
    expect((await history(customer.id))[0]).toMatchObject({ credit: 1_250, description: { code: 'shopCredit', params: { reason: 'Late delivery' } } });
    expect((await getBalance(db.read, { system: 'adjustments', currency: 'USD' })).posted).toBeLessThanOrEqual(-1_250);
    expect(await auditsBy(staff.id)).toEqual([
      expect.objectContaining({ action: 'wallet.send_money', subjectUserId: customer.id, amount: 1_250, currency: 'USD', reason: 'Late delivery' }),
    ]);
  });

  it('refuses a credit past the shop\'s maxWalletBalance and moves nothing', async () => {
    const { updateSettings } = await import('@/lib/settings');
    const { customer, staff } = await setUp();
    await db.write((tx) => updateSettings(tx, { maxWalletBalance: 1_000 }));
    try {
      expect(await sendMoney(db, input(customer.id, staff.id, 1_001))).toEqual({ status: 'wallet_limit', limit: 1_000, currency: 'USD' });
      expect((await wallet(customer.id)).posted).toBe(0);
      expect(await auditsBy(staff.id)).toEqual([]);
    } finally {
      await db.write((tx) => updateSettings(tx, { maxWalletBalance: 1_000_000_000_000 }));
    }
  });

  it('moves money once for a retried attempt and again for a new one', async () => {
    const { customer, staff } = await setUp();
    const attempt = input(customer.id, staff.id, 500);
    const first = await sendMoney(db, attempt);
    const again = await sendMoney(db, attempt);
    expect(first.status === 'done' && !first.replayed).toBe(true);
    expect(again.status === 'done' && again.replayed).toBe(true);
    expect((await wallet(customer.id)).available).toBe(500);
    expect(await auditsBy(staff.id)).toHaveLength(1);
    await sendMoney(db, input(customer.id, staff.id, 500));
    expect((await wallet(customer.id)).available).toBe(1_000);
  });

  it('refuses staff accounts and unknown customers', async () => {
    const { staff } = await setUp();
    expect((await sendMoney(db, input(staff.id, staff.id, 100))).status).toBe('not_found');
    expect((await sendMoney(db, input(987_654, staff.id, 100))).status).toBe('not_found');
    expect(await auditsBy(staff.id)).toHaveLength(0);
  });
});

describe('withdrawMoney', () => {
  it('debits the wallet to the adjustments account', async () => {
    const { customer, staff } = await setUp();
    await sendMoney(db, input(customer.id, staff.id, 2_000));
    const result = await withdrawMoney(db, input(customer.id, staff.id, 750, 'Duplicate credit'));
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.transfer.kind).toBe('remittance_receive');
    expect(result.balance.available).toBe(1_250);
    expect((await history(customer.id))[0]).toMatchObject({ debit: 750, description: { code: 'shopWithdrawal', params: { reason: 'Duplicate credit' } } });
  });

  it('is refused beyond the available balance and changes nothing', async () => {
    const { customer, staff } = await setUp();
    await sendMoney(db, input(customer.id, staff.id, 1_000));
    expect(await withdrawMoney(db, input(customer.id, staff.id, 1_001))).toEqual({ status: 'insufficient_funds', available: 1_000, currency: 'USD' });
    expect((await wallet(customer.id)).available).toBe(1_000);
    expect((await auditsBy(staff.id)).map((row) => row.action)).toEqual(['wallet.send_money']);
    expect((await withdrawMoney(db, input(customer.id, staff.id, 1_000))).status).toBe('done');
    expect(await withdrawMoney(db, input(customer.id, staff.id, 1))).toMatchObject({ status: 'insufficient_funds', available: 0 });
  });

  it('cannot take money held for a payment in progress', async () => {
    const { customer, staff } = await setUp();
    await sendMoney(db, input(customer.id, staff.id, 1_000));
    await db.write((tx) => createPendingTransfer(tx, {
      debit: { wallet: customer.id, currency: 'USD' },
      credit: { system: 'sales', currency: 'USD' },
      amount: 400,
      currency: 'USD',
      kind: 'payment',
      idempotencyKey: crypto.randomUUID(),
      description: { code: 'text', params: { text: 'Hold for a split payment' } },
    }));
    expect(await withdrawMoney(db, input(customer.id, staff.id, 601))).toMatchObject({ status: 'insufficient_funds', available: 600 });
  });
});

describe('resetBalance', () => {
  it('takes the whole available balance back to zero, once per attempt', async () => {
    const { customer, staff } = await setUp();
    await sendMoney(db, input(customer.id, staff.id, 3_210));
    const attemptKey = crypto.randomUUID();
    const result = await resetBalance(db, { customerId: customer.id, staffId: staff.id, reason: 'Account closed', attemptKey });
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.transfer).toMatchObject({ kind: 'balance_reset', amount: 3_210 });
    expect(await wallet(customer.id)).toMatchObject({ available: 0, posted: 0 });
    expect((await history(customer.id))[0]).toMatchObject({ debit: 3_210, description: { code: 'balanceReset', params: { reason: 'Account closed' } } });

    await sendMoney(db, input(customer.id, staff.id, 100));
    const retried = await resetBalance(db, { customerId: customer.id, staffId: staff.id, reason: 'Account closed', attemptKey });
    expect(retried.status === 'done' && retried.replayed && retried.transfer.id === result.transfer.id).toBe(true);
    expect((await wallet(customer.id)).available).toBe(100);
    const resets = await db.read
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, staff.id), eq(auditLog.action, 'wallet.reset_balance')));
    expect(resets).toHaveLength(1);
  });

  it('says there is nothing to reset on an empty wallet', async () => {
    const { customer, staff } = await setUp();
    expect(await resetBalance(db, { customerId: customer.id, staffId: staff.id, reason: 'Tidy up', attemptKey: crypto.randomUUID() })).toEqual({
      status: 'nothing_to_reset',
      currency: 'USD',
    });
  });
});

it('keeps the ledger balanced after a mix of adjustments', async () => {
  const { customer, staff } = await setUp();
  await sendMoney(db, input(customer.id, staff.id, 10_000));
  await withdrawMoney(db, input(customer.id, staff.id, 2_500));
  await withdrawMoney(db, input(customer.id, staff.id, 99_999));
  await sendMoney(db, input(customer.id, staff.id, 1));
  await resetBalance(db, { customerId: customer.id, staffId: staff.id, reason: 'Closed', attemptKey: crypto.randomUUID() });
  expect((await wallet(customer.id)).available).toBe(0);
  expect(await verifyLedger(db.read)).toMatchObject({ ok: true, problems: [] });
});
