import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, ledgerTransfers } from '@/db/schema';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { startTopUp } from '@/lib/wallet/top-ups';
import { insertTestUser } from '@/test/helpers/users';
import { confirmTopUps, listPendingTopUps, rejectPendingTopUp } from './top-ups';

const db = getDatabase();

async function wireTopUp(user: { id: number; email: string }, amount: string) {
  const started = await startTopUp(db, user, { amount, method: 'wire_transfer', attemptKey: crypto.randomUUID() });
  if (started.status !== 'pending') throw new Error(`expected a pending wire top-up, got ${started.status}`);
  return started.payment;
}

describe('pending top-ups for staff', () => {
  it('finds top-ups by reference, customer name or email', async () => {
    const customer = await insertTestUser(db);
    const other = await insertTestUser(db);
    const mine = await wireTopUp(customer, '12.00');
    const theirs = await wireTopUp(other, '13.00');
    const references = async (q: string) => (await listPendingTopUps(db.read, q)).map((topUp) => topUp.reference);
    expect(await references(mine.reference.toLowerCase())).toEqual([mine.reference]);
    expect(await references(customer.email.toUpperCase())).toEqual([mine.reference]);
    expect(await references(other.name)).toEqual([theirs.reference]);
    expect(await references('')).toEqual(expect.arrayContaining([mine.reference, theirs.reference]));
    expect(await references('no such thing')).toEqual([]);
  });

  it('confirms several at once; a second confirm changes nothing and says so', async () => {
    const customer = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const first = await wireTopUp(customer, '100.00');
    const second = await wireTopUp(customer, '20.50');
    const decisions = await confirmTopUps(db, [first.id, second.id], staff.id);
    expect(decisions.map((decision) => decision.status)).toEqual(['confirmed', 'confirmed']);
    expect(decisions.map((decision) => decision.reference)).toEqual([first.reference, second.reference]);
    expect(await getBalance(db.read, { wallet: customer.id, currency: 'USD' })).toMatchObject({ available: 12_050, pendingIncoming: 0 });

    const again = await confirmTopUps(db, [first.id], staff.id);
    expect(again).toEqual([{ paymentId: first.id, reference: first.reference, status: 'already_confirmed' }]);
    expect((await getBalance(db.read, { wallet: customer.id, currency: 'USD' })).available).toBe(12_050);

    const transfer = (await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.paymentId, first.id)))[0];
    expect(transfer).toMatchObject({ state: 'posted', resolvedBy: staff.id });
    expect(transfer?.postedAt).toBeInstanceOf(Date);
    const audits = await db.read.select().from(auditLog).where(eq(auditLog.actorId, staff.id));
    expect(audits.map((row) => row.action)).toEqual(['top_up.confirm', 'top_up.confirm']);
    expect(await listPendingTopUps(db.read, customer.email)).toEqual([]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('once rejected with a reason, refuses to confirm', async () => {
    const customer = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const payment = await wireTopUp(customer, '40.00');
    expect((await rejectPendingTopUp(db, payment.id, staff.id, '  No transfer arrived ')).status).toBe('rejected');
    const transfer = (await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.paymentId, payment.id)))[0];
    expect(transfer).toMatchObject({ state: 'voided', voidReason: 'No transfer arrived', resolvedBy: staff.id });
    const confirm = await confirmTopUps(db, [payment.id], staff.id);
    expect(confirm[0]?.status).toBe('already_rejected');
    expect(confirm[0]?.reference).toBe(payment.reference);
    expect((await rejectPendingTopUp(db, payment.id, staff.id, 'again')).status).toBe('already_rejected');
    expect(await getBalance(db.read, { wallet: customer.id, currency: 'USD' })).toMatchObject({ available: 0, pendingIncoming: 0 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('reports unknown payments without stopping the others', async () => {
    const customer = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const payment = await wireTopUp(customer, '5.00');
    const decisions = await confirmTopUps(db, [999_999, payment.id], staff.id);
    expect(decisions.map((decision) => decision.status)).toEqual(['not_found', 'confirmed']);
    expect(decisions[0]).toEqual({ paymentId: 999_999, reference: null, status: 'not_found' });
  });
});
