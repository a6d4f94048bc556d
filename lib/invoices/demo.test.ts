import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoiceLines, invoices } from '@/db/schema';
import { demoInvoiceLinesIn } from '@/db/seed-data';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { seedDemoInvoices, seedDemoInvoicesIn } from './demo';
import { listInvoicePayments } from './queries';

const db = getDatabase();
const english = demoInvoiceLinesIn('en');

/** The shopper's invoice line descriptions, invoice by invoice, line by line. */
async function lineDescriptions(userId: number): Promise<string[]> {
  const rows = await db.read
    .select({ description: invoiceLines.description })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(eq(invoices.userId, userId))
    .orderBy(invoices.id, invoiceLines.id);
  return rows.map((row) => row.description);
}

describe('seedDemoInvoices', () => {
  it('gives the shopper one paid and two unpaid invoices, once', async () => {
    const shopper = await insertTestUser(db);
    await seedDemoInvoices(db, shopper.id, english);
    await seedDemoInvoices(db, shopper.id, english);
    await db.write((tx) => seedDemoInvoicesIn(tx, shopper.id, english));
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

  it("describes the lines in the shop's language: Turkish words from the catalogue for a Turkish shop", async () => {
    const inEnglish = await insertTestUser(db);
    const inTurkish = await insertTestUser(db);
    await seedDemoInvoices(db, inEnglish.id, demoInvoiceLinesIn('en'));
    await seedDemoInvoices(db, inTurkish.id, demoInvoiceLinesIn('tr'));
    expect(await lineDescriptions(inEnglish.id)).toEqual([
      'Barista workshop, half day',
      'Tasting set, single-origin beans',
      'Espresso machine service contract, 12 months',
      'Descaling kit',
    ]);
    expect(await lineDescriptions(inTurkish.id)).toEqual([
      'Barista atölyesi, yarım gün',
      'Tadım seti, tek kökenli çekirdekler',
      'Espresso makinesi bakım sözleşmesi, 12 ay',
      'Kireç çözme seti',
    ]);
  });

  it('as a step, rolls back with the transaction that called it', async () => {
    const shopper = await insertTestUser(db);
    await expect(
      db.write(async (tx) => {
        await seedDemoInvoicesIn(tx, shopper.id, english);
        throw new Error('the caller gave up');
      }),
    ).rejects.toThrow('the caller gave up');
    expect(await db.read.select().from(invoices).where(eq(invoices.userId, shopper.id))).toEqual([]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
