import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createPendingTransfer, getBalance, listAccountHistory, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { resetBalance, sendMoney, withdrawMoney } from './wallet-adjustments';

const wallet = (userId: number) => getBalance({ wallet: userId, currency: 'USD' });
const history = (userId: number) => listAccountHistory({ wallet: userId, currency: 'USD' }).rows;
const auditsBy = (staffId: number) => db.select().from(auditLog).where(eq(auditLog.actorId, staffId)).all();

function setUp() {
  return { customer: insertTestUser(), staff: insertTestUser('staff') };
}

function input(customerId: number, staffId: number, amount: number, reason = 'Goodwill gesture', attemptKey: string = crypto.randomUUID()) {
  return { customerId, staffId, amount, reason, attemptKey };
}

describe('sendMoney', () => {
  it('credits the wallet from the adjustments account with the reason in the history and the audit log', () => {
    const { customer, staff } = setUp();
    const result = sendMoney(input(customer.id, staff.id, 1_250, '  Late delivery  '));
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.transfer).toMatchObject({ kind: 'remittance_send', amount: 1_250, createdBy: staff.id, memo: 'Late delivery' });
    expect(result.balance.available).toBe(1_250);
    expect(history(customer.id)[0]).toMatchObject({ credit: 1_250, description: 'Credit from the shop: Late delivery' });
    expect(getBalance({ system: 'adjustments', currency: 'USD' }).posted).toBeLessThanOrEqual(-1_250);
    expect(auditsBy(staff.id)).toEqual([
      expect.objectContaining({ action: 'wallet.send_money', subjectUserId: customer.id, amount: 1_250, currency: 'USD', reason: 'Late delivery' }),
    ]);
  });

  it('refuses a credit past the shop\'s maxWalletBalance and moves nothing', async () => {
    const { updateSettings } = await import('@/lib/settings');
    const { customer, staff } = setUp();
    updateSettings({ maxWalletBalance: 1_000 });
    try {
      expect(sendMoney(input(customer.id, staff.id, 1_001))).toEqual({ status: 'wallet_limit', limit: 1_000, currency: 'USD' });
      expect(wallet(customer.id).posted).toBe(0);
      expect(auditsBy(staff.id)).toEqual([]);
    } finally {
      updateSettings({ maxWalletBalance: 1_000_000_000_000 });
    }
  });

  it('moves money once for a retried attempt and again for a new one', () => {
    const { customer, staff } = setUp();
    const attempt = input(customer.id, staff.id, 500);
    const first = sendMoney(attempt);
    const again = sendMoney(attempt);
    expect(first.status === 'done' && !first.replayed).toBe(true);
    expect(again.status === 'done' && again.replayed).toBe(true);
    expect(wallet(customer.id).available).toBe(500);
    expect(auditsBy(staff.id)).toHaveLength(1);
    sendMoney(input(customer.id, staff.id, 500));
    expect(wallet(customer.id).available).toBe(1_000);
  });

  it('refuses staff accounts and unknown customers', () => {
    const { staff } = setUp();
    expect(sendMoney(input(staff.id, staff.id, 100)).status).toBe('not_found');
    expect(sendMoney(input(987_654, staff.id, 100)).status).toBe('not_found');
    expect(auditsBy(staff.id)).toHaveLength(0);
  });
});

describe('withdrawMoney', () => {
  it('debits the wallet to the adjustments account', () => {
    const { customer, staff } = setUp();
    sendMoney(input(customer.id, staff.id, 2_000));
    const result = withdrawMoney(input(customer.id, staff.id, 750, 'Duplicate credit'));
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.transfer.kind).toBe('remittance_receive');
    expect(result.balance.available).toBe(1_250);
    expect(history(customer.id)[0]).toMatchObject({ debit: 750, description: 'Withdrawal by the shop: Duplicate credit' });
  });

  it('is refused beyond the available balance and changes nothing', () => {
    const { customer, staff } = setUp();
    sendMoney(input(customer.id, staff.id, 1_000));
    expect(withdrawMoney(input(customer.id, staff.id, 1_001))).toEqual({ status: 'insufficient_funds', available: 1_000, currency: 'USD' });
    expect(wallet(customer.id).available).toBe(1_000);
    expect(auditsBy(staff.id).map((row) => row.action)).toEqual(['wallet.send_money']);
    expect(withdrawMoney(input(customer.id, staff.id, 1_000)).status).toBe('done');
    expect(withdrawMoney(input(customer.id, staff.id, 1))).toMatchObject({ status: 'insufficient_funds', available: 0 });
  });

  it('cannot take money held for a payment in progress', () => {
    const { customer, staff } = setUp();
    sendMoney(input(customer.id, staff.id, 1_000));
    createPendingTransfer({
      debit: { wallet: customer.id, currency: 'USD' },
      credit: { system: 'sales', currency: 'USD' },
      amount: 400,
      currency: 'USD',
      kind: 'payment',
      idempotencyKey: crypto.randomUUID(),
      description: 'Hold for a split payment',
    });
    expect(withdrawMoney(input(customer.id, staff.id, 601))).toMatchObject({ status: 'insufficient_funds', available: 600 });
  });
});

describe('resetBalance', () => {
  it('takes the whole available balance back to zero, once per attempt', () => {
    const { customer, staff } = setUp();
    sendMoney(input(customer.id, staff.id, 3_210));
    const attemptKey = crypto.randomUUID();
    const result = resetBalance({ customerId: customer.id, staffId: staff.id, reason: 'Account closed', attemptKey });
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.transfer).toMatchObject({ kind: 'balance_reset', amount: 3_210 });
    expect(wallet(customer.id)).toMatchObject({ available: 0, posted: 0 });
    expect(history(customer.id)[0]).toMatchObject({ debit: 3_210, description: 'Balance reset by the shop: Account closed' });

    sendMoney(input(customer.id, staff.id, 100));
    const retried = resetBalance({ customerId: customer.id, staffId: staff.id, reason: 'Account closed', attemptKey });
    expect(retried.status === 'done' && retried.replayed && retried.transfer.id === result.transfer.id).toBe(true);
    expect(wallet(customer.id).available).toBe(100);
    const resets = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, staff.id), eq(auditLog.action, 'wallet.reset_balance')))
      .all();
    expect(resets).toHaveLength(1);
  });

  it('says there is nothing to reset on an empty wallet', () => {
    const { customer, staff } = setUp();
    expect(resetBalance({ customerId: customer.id, staffId: staff.id, reason: 'Tidy up', attemptKey: crypto.randomUUID() })).toEqual({
      status: 'nothing_to_reset',
      currency: 'USD',
    });
  });
});

it('keeps the ledger balanced after a mix of adjustments', () => {
  const { customer, staff } = setUp();
  sendMoney(input(customer.id, staff.id, 10_000));
  withdrawMoney(input(customer.id, staff.id, 2_500));
  withdrawMoney(input(customer.id, staff.id, 99_999));
  sendMoney(input(customer.id, staff.id, 1));
  resetBalance({ customerId: customer.id, staffId: staff.id, reason: 'Closed', attemptKey: crypto.randomUUID() });
  expect(wallet(customer.id).available).toBe(0);
  expect(verifyLedger()).toMatchObject({ ok: true, problems: [] });
});
