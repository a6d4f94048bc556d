// The ledger and the audit log are append-only in the database itself: SQLite triggers
// (db/sqlite/migrations/0004_append_only_guards.sql) or PostgreSQL triggers
// (db/postgres/migrations/0001_append_only_guards.sql), whichever engine runs.
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertTestUser } from '@/test/helpers/users';
import { createPendingTransfer, postPendingTransfer, postTransfer } from '@/lib/ledger';
import { getDatabase } from './index';
import type { Tx } from './database';
import { auditLog, ledgerEntries, ledgerTransfers } from './schema';

const db = getDatabase();

/** Every message along an error's cause chain (drizzle wraps the driver's error). */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) parts.push(current.message);
  return parts.join(' | ');
}

/** Runs `work` in its own write transaction and returns why the database refused it. */
async function refusal(work: (tx: Tx) => Promise<unknown>): Promise<string> {
  try {
    await db.write(async (tx) => {
      await work(tx);
    });
  } catch (error) {
    return messages(error);
  }
  throw new Error('The database allowed it.');
}

async function deposit() {
  const shopper = await insertTestUser(db);
  const { transfer } = await db.write((tx) =>
    postTransfer(tx, {
      debit: { system: 'card_clearing', currency: 'USD' },
      credit: { wallet: shopper.id, currency: 'USD' },
      amount: 1000,
      currency: 'USD',
      kind: 'deposit_card',
      idempotencyKey: crypto.randomUUID(),
      description: { code: 'topUpCard', params: { reference: 'test' } },
    }),
  );
  return transfer;
}

describe('append-only guards in the database', () => {
  it('refuses to delete or rewrite a transfer, or to touch its entries', async () => {
    const transfer = await deposit();
    expect(await refusal((tx) => tx.delete(ledgerTransfers).where(eq(ledgerTransfers.id, transfer.id)))).toMatch(/never deleted/);
    expect(await refusal((tx) => tx.update(ledgerTransfers).set({ amount: 1 }).where(eq(ledgerTransfers.id, transfer.id)))).toMatch(/only moves once/);
    expect(await refusal((tx) => tx.update(ledgerEntries).set({ delta: 0 }).where(eq(ledgerEntries.transferId, transfer.id)))).toMatch(/never changed/);
    expect(await refusal((tx) => tx.delete(ledgerEntries).where(eq(ledgerEntries.transferId, transfer.id)))).toMatch(/never deleted/);
  });

  it('still lets a pending transfer be posted once', async () => {
    const shopper = await insertTestUser(db);
    const posted = await db.write(async (tx) => {
      const { transfer } = await createPendingTransfer(tx, {
        debit: { system: 'bank_clearing', currency: 'USD' },
        credit: { wallet: shopper.id, currency: 'USD' },
        amount: 500,
        currency: 'USD',
        kind: 'deposit_wire',
        idempotencyKey: crypto.randomUUID(),
        description: { code: 'topUpWire', params: { reference: 'test' } },
      });
      return postPendingTransfer(tx, { transferId: transfer.id });
    });
    expect(posted.state).toBe('posted');
    expect(await refusal((tx) => tx.update(ledgerTransfers).set({ state: 'voided' }).where(eq(ledgerTransfers.id, posted.id)))).toMatch(/only moves once/);
  });

  it('keeps the audit log append-only', async () => {
    const staff = await insertTestUser(db);
    const [row] = await db.write((tx) => tx.insert(auditLog).values({ actorId: staff.id, action: 'test', createdAt: new Date() }).returning());
    if (!row) throw new Error('no audit row');
    expect(await refusal((tx) => tx.update(auditLog).set({ reason: 'edited' }).where(eq(auditLog.id, row.id)))).toMatch(/append-only/);
    expect(await refusal((tx) => tx.delete(auditLog).where(eq(auditLog.id, row.id)))).toMatch(/append-only/);
  });

  // TRUNCATE skips row triggers and exists only on PostgreSQL, whose statement triggers refuse it.
  it.runIf(db.engine === 'postgres')('refuses TRUNCATE of the ledger and the audit log (PostgreSQL)', async () => {
    const execute = (statement: string) => async (tx: Tx) => (tx as unknown as { execute(query: unknown): Promise<unknown> }).execute(sql.raw(statement));
    expect(await refusal(execute('TRUNCATE ledger_entries CASCADE'))).toMatch(/never deleted/);
    expect(await refusal(execute('TRUNCATE ledger_transfers CASCADE'))).toMatch(/never deleted/);
    expect(await refusal(execute('TRUNCATE audit_log'))).toMatch(/append-only/);
  });
});
