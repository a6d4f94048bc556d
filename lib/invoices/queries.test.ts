import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { postTransfer } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { createInvoice } from './create';
import { payInvoiceFromWallet } from './pay-wallet';
import { getOwnInvoice, listInvoicePayments, listInvoices } from './queries';

function invoiceOf(userId: number, total: number) {
  return createInvoice({ userId, currency: 'USD', lines: [{ description: `Item ${total}`, quantity: 1, unitPriceMinor: total }] });
}

describe('listInvoices', () => {
  it('pages a shopper\'s own invoices 10 at a time, newest first', () => {
    const shopper = insertTestUser();
    const other = insertTestUser();
    invoiceOf(other.id, 1);
    const created = Array.from({ length: 23 }, (_, i) => invoiceOf(shopper.id, 100 + i));
    const first = listInvoices(shopper.id, 1);
    expect(first).toMatchObject({ page: 1, pageSize: 10, totalRows: 23, totalPages: 3 });
    expect(first.rows.map((row) => row.id)).toEqual(created.slice(-10).reverse().map((invoice) => invoice.id));
    const last = listInvoices(shopper.id, 3);
    expect(last.rows.map((row) => row.amountTotal)).toEqual([102, 101, 100]);
    expect(listInvoices(shopper.id, 99).page).toBe(3);
    expect(listInvoices(shopper.id, -4).page).toBe(1);
    expect(listInvoices(insertTestUser().id, 1)).toMatchObject({ rows: [], totalRows: 0, totalPages: 0, page: 1 });
  });
});

describe('getOwnInvoice and listInvoicePayments', () => {
  it("shows a shopper their invoice with lines and payments, and never another shopper's", () => {
    const owner = insertTestUser();
    const stranger = insertTestUser();
    postTransfer({
      debit: { system: 'card_clearing', currency: 'USD' },
      credit: { wallet: owner.id, currency: 'USD' },
      amount: 1_000,
      currency: 'USD',
      kind: 'deposit_card',
      idempotencyKey: `fund:${crypto.randomUUID()}`,
      description: 'Test funds',
    });
    const invoice = invoiceOf(owner.id, 4_500);
    payInvoiceFromWallet(owner.id, invoice.id, { amount: 1_000, attemptKey: crypto.randomUUID() });

    const own = getOwnInvoice(owner.id, invoice.id);
    expect(own).toMatchObject({ number: invoice.number, amountResidual: 3_500, paymentState: 'partial' });
    expect(own?.lines).toEqual([expect.objectContaining({ description: 'Item 4500', amount: 4_500 })]);
    expect(getOwnInvoice(stranger.id, invoice.id)).toBeUndefined();
    expect(getOwnInvoice(owner.id, Number.NaN)).toBeUndefined();
    expect(listInvoicePayments(invoice.id)).toEqual([
      { id: expect.any(Number), date: expect.any(Date), method: 'Wallet', reference: expect.stringMatching(/^CW/), amount: 1_000, currency: 'USD' },
    ]);
  });
});
