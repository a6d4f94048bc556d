import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { fundTestWallet } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { issueInvoice } from './create';
import { payInvoiceFromWallet } from './pay-wallet';
import { getOwnInvoice, listInvoicePayments, listInvoices } from './queries';

const db = getDatabase();

function invoiceOf(userId: number, total: number) {
  return issueInvoice(db, { userId, currency: 'USD', lines: [{ description: `Item ${total}`, quantity: 1, unitPriceMinor: total }] });
}

describe('listInvoices', () => {
  it('pages a shopper\'s own invoices 10 at a time, newest first', async () => {
    const shopper = await insertTestUser(db);
    const other = await insertTestUser(db);
    await invoiceOf(other.id, 1);
    const created = [];
    for (let i = 0; i < 23; i += 1) created.push(await invoiceOf(shopper.id, 100 + i));
    const first = await listInvoices(db.read, shopper.id, 1);
    expect(first).toMatchObject({ page: 1, pageSize: 10, totalRows: 23, totalPages: 3 });
    expect(first.rows.map((row) => row.id)).toEqual(created.slice(-10).reverse().map((invoice) => invoice.id));
    const last = await listInvoices(db.read, shopper.id, 3);
    expect(last.rows.map((row) => row.amountTotal)).toEqual([102, 101, 100]);
    expect((await listInvoices(db.read, shopper.id, 99)).page).toBe(3);
    expect((await listInvoices(db.read, shopper.id, -4)).page).toBe(1);
    expect(await listInvoices(db.read, (await insertTestUser(db)).id, 1)).toMatchObject({ rows: [], totalRows: 0, totalPages: 0, page: 1 });
  });
});

describe('getOwnInvoice and listInvoicePayments', () => {
  it("shows a shopper their invoice with lines and payments, and never another shopper's", async () => {
    const owner = await insertTestUser(db);
    const stranger = await insertTestUser(db);
    await fundTestWallet(db, owner.id, 1_000);
    const invoice = await invoiceOf(owner.id, 4_500);
    await payInvoiceFromWallet(db, owner.id, invoice.id, { amount: 1_000, attemptKey: crypto.randomUUID() });

    const own = await getOwnInvoice(db.read, owner.id, invoice.id);
    expect(own).toMatchObject({ number: invoice.number, amountResidual: 3_500, paymentState: 'partial' });
    expect(own?.lines).toEqual([expect.objectContaining({ description: 'Item 4500', amount: 4_500 })]);
    expect(await getOwnInvoice(db.read, stranger.id, invoice.id)).toBeUndefined();
    expect(await getOwnInvoice(db.read, owner.id, Number.NaN)).toBeUndefined();
    expect(await listInvoicePayments(db.read, invoice.id)).toEqual([
      { id: expect.any(Number), date: expect.any(Date), provider: 'wallet', reference: expect.stringMatching(/^CW/), amount: 1_000, currency: 'USD' },
    ]);
  });
});
