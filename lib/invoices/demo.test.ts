import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { invoices } from '@/db/schema';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { seedDemoInvoices } from './demo';
import { listInvoicePayments } from './queries';

describe('seedDemoInvoices', () => {
  it('gives the shopper one paid and two unpaid invoices, once', () => {
    const shopper = insertTestUser();
    seedDemoInvoices(shopper.id);
    seedDemoInvoices(shopper.id);
    const rows = db.select().from(invoices).where(eq(invoices.userId, shopper.id)).orderBy(invoices.id).all();
    expect(rows.map((row) => [row.amountTotal, row.amountResidual, row.paymentState])).toEqual([
      [8_990, 0, 'paid'],
      [75_000, 75_000, 'not_paid'],
      [4_500, 4_500, 'not_paid'],
    ]);
    const paid = rows[0];
    expect(paid && listInvoicePayments(paid.id)).toEqual([expect.objectContaining({ method: 'Card (Demo)', amount: 8_990 })]);
    expect(getBalance({ wallet: shopper.id, currency: 'USD' }).available).toBe(0);
    expect(verifyLedger().ok).toBe(true);
  });
});
