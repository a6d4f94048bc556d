import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertTestUser } from '@/test/helpers/users';
import { createPendingTransfer, postPendingTransfer, postTransfer } from '@/lib/ledger';
import { db } from './client';
import { auditLog, ledgerEntries, ledgerTransfers } from './schema';

function deposit() {
  const shopper = insertTestUser();
  return postTransfer({
    debit: { system: 'card_clearing', currency: 'USD' },
    credit: { wallet: shopper.id, currency: 'USD' },
    amount: 1000,
    currency: 'USD',
    kind: 'deposit_card',
    idempotencyKey: crypto.randomUUID(),
    description: 'Top-up',
  }).transfer;
}

describe('append-only guards in the database', () => {
  it('refuses to delete or rewrite a transfer, or to touch its entries', () => {
    const transfer = deposit();
    expect(() => db.delete(ledgerTransfers).where(eq(ledgerTransfers.id, transfer.id)).run()).toThrow(/never deleted/);
    expect(() => db.update(ledgerTransfers).set({ amount: 1 }).where(eq(ledgerTransfers.id, transfer.id)).run()).toThrow(/only moves once/);
    expect(() => db.update(ledgerEntries).set({ delta: 0 }).where(eq(ledgerEntries.transferId, transfer.id)).run()).toThrow(/never changed/);
    expect(() => db.delete(ledgerEntries).where(eq(ledgerEntries.transferId, transfer.id)).run()).toThrow(/never deleted/);
  });

  it('still lets a pending transfer be posted once', () => {
    const shopper = insertTestUser();
    const { transfer } = createPendingTransfer({
      debit: { system: 'bank_clearing', currency: 'USD' },
      credit: { wallet: shopper.id, currency: 'USD' },
      amount: 500,
      currency: 'USD',
      kind: 'deposit_wire',
      idempotencyKey: crypto.randomUUID(),
      description: 'Wire',
    });
    expect(postPendingTransfer({ transferId: transfer.id }).state).toBe('posted');
    expect(() => db.update(ledgerTransfers).set({ state: 'voided' }).where(eq(ledgerTransfers.id, transfer.id)).run()).toThrow();
  });

  it('keeps the audit log append-only', () => {
    const staff = insertTestUser('staff');
    const row = db.insert(auditLog).values({ actorId: staff.id, action: 'test', createdAt: new Date() }).returning().get();
    expect(() => db.update(auditLog).set({ reason: 'edited' }).where(eq(auditLog.id, row.id)).run()).toThrow(/append-only/);
    expect(() => db.delete(auditLog).where(eq(auditLog.id, row.id)).run()).toThrow(/append-only/);
  });
});
