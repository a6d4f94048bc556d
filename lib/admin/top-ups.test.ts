import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLog, ledgerTransfers } from '@/db/schema';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { startTopUp } from '@/lib/wallet/top-ups';
import { insertTestUser } from '@/test/helpers/users';
import { confirmTopUps, describeDecisions, listPendingTopUps, rejectPendingTopUp } from './top-ups';

async function wireTopUp(user: { id: number; email: string }, amount: string) {
  const started = await startTopUp(user, { amount, method: 'wire_transfer', attemptKey: crypto.randomUUID() });
  if (started.status !== 'pending') throw new Error(`expected a pending wire top-up, got ${started.status}`);
  return started.payment;
}

describe('pending top-ups for staff', () => {
  it('finds top-ups by reference, customer name or email', async () => {
    const customer = insertTestUser();
    const other = insertTestUser();
    const mine = await wireTopUp(customer, '12.00');
    const theirs = await wireTopUp(other, '13.00');
    const references = (q: string) => listPendingTopUps(q).map((topUp) => topUp.reference);
    expect(references(mine.reference.toLowerCase())).toEqual([mine.reference]);
    expect(references(customer.email.toUpperCase())).toEqual([mine.reference]);
    expect(references(other.name)).toEqual([theirs.reference]);
    expect(references('')).toEqual(expect.arrayContaining([mine.reference, theirs.reference]));
    expect(references('no such thing')).toEqual([]);
  });

  it('confirms several at once; a second confirm changes nothing and says so', async () => {
    const customer = insertTestUser();
    const staff = insertTestUser('staff');
    const first = await wireTopUp(customer, '100.00');
    const second = await wireTopUp(customer, '20.50');
    const decisions = confirmTopUps([first.id, second.id], staff.id);
    expect(decisions.map((decision) => decision.status)).toEqual(['confirmed', 'confirmed']);
    expect(describeDecisions(decisions)).toBe(`Confirmed ${first.reference}, ${second.reference}.`);
    expect(getBalance({ wallet: customer.id, currency: 'USD' })).toMatchObject({ available: 12_050, pendingIncoming: 0 });

    const again = confirmTopUps([first.id], staff.id);
    expect(again).toEqual([{ paymentId: first.id, reference: first.reference, status: 'already_confirmed' }]);
    expect(describeDecisions(again)).toBe(`${first.reference} was already confirmed.`);
    expect(getBalance({ wallet: customer.id, currency: 'USD' }).available).toBe(12_050);

    const transfer = db.select().from(ledgerTransfers).where(eq(ledgerTransfers.paymentId, first.id)).get();
    expect(transfer).toMatchObject({ state: 'posted', resolvedBy: staff.id });
    expect(transfer?.postedAt).toBeInstanceOf(Date);
    const audits = db.select().from(auditLog).where(eq(auditLog.actorId, staff.id)).all();
    expect(audits.map((row) => row.action)).toEqual(['top_up.confirm', 'top_up.confirm']);
    expect(listPendingTopUps(customer.email)).toEqual([]);
    expect(verifyLedger().ok).toBe(true);
  });

  it('once rejected with a reason, refuses to confirm', async () => {
    const customer = insertTestUser();
    const staff = insertTestUser('staff');
    const payment = await wireTopUp(customer, '40.00');
    expect(rejectPendingTopUp(payment.id, staff.id, '  No transfer arrived ').status).toBe('rejected');
    const transfer = db.select().from(ledgerTransfers).where(eq(ledgerTransfers.paymentId, payment.id)).get();
    expect(transfer).toMatchObject({ state: 'voided', voidReason: 'No transfer arrived', resolvedBy: staff.id });
    const confirm = confirmTopUps([payment.id], staff.id);
    expect(confirm[0]?.status).toBe('already_rejected');
    expect(describeDecisions(confirm)).toBe(`${payment.reference} was already rejected.`);
    expect(rejectPendingTopUp(payment.id, staff.id, 'again').status).toBe('already_rejected');
    expect(getBalance({ wallet: customer.id, currency: 'USD' })).toMatchObject({ available: 0, pendingIncoming: 0 });
    expect(verifyLedger().ok).toBe(true);
  });

  it('reports unknown payments without stopping the others', async () => {
    const customer = insertTestUser();
    const staff = insertTestUser('staff');
    const payment = await wireTopUp(customer, '5.00');
    const decisions = confirmTopUps([999_999, payment.id], staff.id);
    expect(decisions.map((decision) => decision.status)).toEqual(['not_found', 'confirmed']);
    expect(describeDecisions(decisions)).toBe(`Confirmed ${payment.reference}. #999999 was not found.`);
  });
});
