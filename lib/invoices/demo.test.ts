import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoices } from '@/db/schema';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { seedDemoInvoices, seedDemoInvoicesIn } from './demo';
import { listInvoicePayments } from './queries';

const db = getDatabase();

describe('seedDemoInvoices', () => {
  it('gives the shopper one paid and two unpaid invoices, once', async () => {
    const shopper = await insertTestUser(db);
    await seedDemoInvoices(db, shopper.id);
    await seedDemoInvoices(db, shopper.id);
    await db.write((tx) => seedDemoInvoicesIn(tx, shopper.id));
    const rows = await db.read.select().from(invoices).where(eq(invoices.userId, shopper.id)).orderBy(invoices.id);
    expect(rows.map((row) => [row.amountTotal, row.amountResidual, row.paymentState])).toEqual([
      [8_990, 0, 'paid'],
      [75_000, 75_000, 'not_paid'],
      [4_500, 4_500, 'not_paid'],
    ]);
    const paid = rows[0];
    expect(paid && (await listInvoicePayments(db.read, paid.id))).toEqual([expect.objectContaining({ provider: 'demo', amount: 8_990 })]);
    expect((await getBalance(db.read, { wallet: shopper.id, currency: 'USD' })).available).toBe(0);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('as a step, rolls back with the transaction that called it', async () => {
    const shopper = await insertTestUser(db);
    await expect(
      db.write(async (tx) => {
        await seedDemoInvoicesIn(tx, shopper.id);
        throw new Error('the caller gave up');
      }),
    ).rejects.toThrow('the caller gave up');
    expect(await db.read.select().from(invoices).where(eq(invoices.userId, shopper.id))).toEqual([]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
