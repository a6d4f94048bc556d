import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { invoices, payments } from '@/db/schema';
import { getBalance, getTransfer, listAccountHistory, postTransfer, verifyLedger } from '@/lib/ledger';
import { updateSettings } from '@/lib/settings';
import { insertTestUser } from '@/test/helpers/users';
import { createInvoice } from './create';
import { InvoiceError } from './errors';
import { payInvoiceFromWallet } from './pay-wallet';
import { listInvoicePayments } from './queries';
import { runWorkers } from './testing/workers';

const wallet = (userId: number) => getBalance({ wallet: userId, currency: 'USD' }).available;
const key = () => crypto.randomUUID();

function fund(userId: number, amount: number) {
  postTransfer({
    debit: { system: 'card_clearing', currency: 'USD' },
    credit: { wallet: userId, currency: 'USD' },
    amount,
    currency: 'USD',
    kind: 'deposit_card',
    idempotencyKey: `test-fund:${key()}`,
    description: 'Test funds',
  });
}

function shopperWith(balance: number) {
  const shopper = insertTestUser();
  if (balance > 0) fund(shopper.id, balance);
  return shopper;
}

function invoiceOf(userId: number, total: number) {
  return createInvoice({ userId, currency: 'USD', lines: [{ description: 'Service', quantity: 1, unitPriceMinor: total }] });
}

const reload = (invoiceId: number) => db.select().from(invoices).where(eq(invoices.id, invoiceId)).get();
const paymentsOf = (invoiceId: number) => db.select().from(payments).where(eq(payments.invoiceId, invoiceId)).all();

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InvoiceError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('paying an invoice in full from the wallet', () => {
  it('marks it Paid, takes exactly its amount and names the invoice in the wallet history', () => {
    const shopper = shopperWith(100_000);
    const invoice = invoiceOf(shopper.id, 75_000);
    const result = payInvoiceFromWallet(shopper.id, invoice.id, { attemptKey: key() });

    expect(result).toMatchObject({ amount: 75_000, replayed: false, invoice: { amountResidual: 0, paymentState: 'paid' } });
    expect(wallet(shopper.id)).toBe(25_000);
    expect(result.payment).toMatchObject({
      provider: 'wallet',
      purpose: 'invoice',
      state: 'done',
      amount: 75_000,
      invoiceId: invoice.id,
      userId: shopper.id,
    });
    const transfer = getTransfer(result.payment.transferId ?? 0);
    expect(transfer).toMatchObject({
      kind: 'payment',
      amount: 75_000,
      state: 'posted',
      invoiceId: invoice.id,
      paymentId: result.payment.id,
      description: `Payment of invoice ${invoice.number}`,
    });
    const [latest] = listAccountHistory({ wallet: shopper.id, currency: 'USD' }, { page: 1, pageSize: 1 }).rows;
    expect(latest).toMatchObject({ description: `Payment of invoice ${invoice.number}`, debit: 75_000 });
    expect(listInvoicePayments(invoice.id)).toEqual([
      expect.objectContaining({ method: 'Wallet', reference: result.payment.reference, amount: 75_000, currency: 'USD' }),
    ]);
    expect(verifyLedger().ok).toBe(true);
  });

  it('refuses when the wallet is short, and records nothing', () => {
    const shopper = shopperWith(24_250);
    const invoice = invoiceOf(shopper.id, 75_000);
    expect(refusal(() => payInvoiceFromWallet(shopper.id, invoice.id, { attemptKey: key() }))).toBe('INSUFFICIENT_FUNDS');
    expect(wallet(shopper.id)).toBe(24_250);
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 75_000, paymentState: 'not_paid' });
    expect(paymentsOf(invoice.id)).toHaveLength(0);
  });

  it('refuses an invoice that is already paid', () => {
    const shopper = shopperWith(10_000);
    const invoice = invoiceOf(shopper.id, 4_500);
    payInvoiceFromWallet(shopper.id, invoice.id, { attemptKey: key() });
    expect(refusal(() => payInvoiceFromWallet(shopper.id, invoice.id, { attemptKey: key() }))).toBe('ALREADY_PAID');
    expect(wallet(shopper.id)).toBe(5_500);
  });
});

describe('partial payments', () => {
  it('pays what the wallet holds now, leaves the rest due, and later payments settle it', () => {
    const shopper = shopperWith(24_250);
    const invoice = invoiceOf(shopper.id, 75_000);

    const partial = payInvoiceFromWallet(shopper.id, invoice.id, { amount: 'available', attemptKey: key() });
    expect(partial).toMatchObject({ amount: 24_250, invoice: { amountResidual: 50_750, paymentState: 'partial' } });
    expect(wallet(shopper.id)).toBe(0);

    expect(refusal(() => payInvoiceFromWallet(shopper.id, invoice.id, { amount: 'available', attemptKey: key() }))).toBe(
      'INSUFFICIENT_FUNDS',
    );

    fund(shopper.id, 60_000);
    const rest = payInvoiceFromWallet(shopper.id, invoice.id, { amount: 'available', attemptKey: key() });
    expect(rest).toMatchObject({ amount: 50_750, invoice: { amountResidual: 0, paymentState: 'paid' } });
    expect(wallet(shopper.id)).toBe(9_250);
    expect(listInvoicePayments(invoice.id).map((row) => row.amount)).toEqual([24_250, 50_750]);
    expect(verifyLedger().ok).toBe(true);
  });

  it.each([
    [10_001, [1, 3_333, 3_333, 3_334], [10_000, 6_667, 3_334, 0]],
    [99, [98, 1], [1, 0]],
    [75_000, [24_250, 50_000, 750], [50_750, 750, 0]],
  ])('an invoice of %i paid in parts %j leaves residuals %j', (total, parts, residuals) => {
    const shopper = shopperWith(total);
    const invoice = invoiceOf(shopper.id, total);
    const seen = parts.map((amount) => payInvoiceFromWallet(shopper.id, invoice.id, { amount, attemptKey: key() }).invoice);
    expect(seen.map((row) => row.amountResidual)).toEqual(residuals);
    expect(seen.map((row) => row.paymentState)).toEqual(residuals.map((r) => (r === 0 ? 'paid' : 'partial')));
    expect(wallet(shopper.id)).toBe(0);
  });

  it('never over-pays: an amount above the amount due is refused and nothing moves', () => {
    const shopper = shopperWith(100_000);
    const invoice = invoiceOf(shopper.id, 4_500);
    payInvoiceFromWallet(shopper.id, invoice.id, { amount: 1_000, attemptKey: key() });
    expect(refusal(() => payInvoiceFromWallet(shopper.id, invoice.id, { amount: 3_501, attemptKey: key() }))).toBe('AMOUNT_EXCEEDS_DUE');
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 3_500, paymentState: 'partial' });
    expect(wallet(shopper.id)).toBe(99_000);
    expect(paymentsOf(invoice.id)).toHaveLength(1);
  });

  it.each([0, -1, 10.5, Number.NaN])('refuses the amount %s', (amount) => {
    const shopper = shopperWith(10_000);
    const invoice = invoiceOf(shopper.id, 4_500);
    expect(refusal(() => payInvoiceFromWallet(shopper.id, invoice.id, { amount, attemptKey: key() }))).toBe('INVALID_AMOUNT');
    expect(wallet(shopper.id)).toBe(10_000);
  });
});

describe('retries and concurrency', () => {
  it('pays once for a retried attempt, even after the amount due has changed', () => {
    const shopper = shopperWith(30_000);
    const invoice = invoiceOf(shopper.id, 75_000);
    const attemptKey = key();
    const first = payInvoiceFromWallet(shopper.id, invoice.id, { amount: 'available', attemptKey });
    const again = payInvoiceFromWallet(shopper.id, invoice.id, { amount: 'available', attemptKey });
    expect(again).toMatchObject({ replayed: true, amount: 30_000, payment: { id: first.payment.id } });
    expect(again.invoice.amountResidual).toBe(45_000);
    expect(wallet(shopper.id)).toBe(0);
    expect(paymentsOf(invoice.id)).toHaveLength(1);
    expect(refusal(() => payInvoiceFromWallet(shopper.id, invoice.id, { amount: 100, attemptKey }))).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('lets several processes paying one invoice at once take no more than its amount due', async () => {
    const shopper = shopperWith(1_000_000);
    const invoice = invoiceOf(shopper.id, 10_000);
    // 4 processes × 10 payments of $5.00 = $200.00 tried against $100.00 due: exactly 20 may pass.
    const summaries = await runWorkers(Array.from({ length: 4 }, () => ['pay', String(shopper.id), '10', String(invoice.id), '500']));
    const done = summaries.reduce((sum, summary) => sum + summary.done, 0);
    const refused = summaries.flatMap((summary) => Object.keys(summary.refused));
    expect(done).toBe(20);
    expect(new Set(refused)).toEqual(new Set(['ALREADY_PAID']));
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect(wallet(shopper.id)).toBe(990_000);
    expect(listInvoicePayments(invoice.id).reduce((sum, row) => sum + row.amount, 0)).toBe(10_000);
    expect(verifyLedger().ok).toBe(true);
  });

  it('refuses in a concurrent race the part that no longer fits the amount due', async () => {
    const shopper = shopperWith(1_000_000);
    const invoice = invoiceOf(shopper.id, 10_000);
    // 3 processes each try 2 payments of $30.00 against $100.00: 3 pass, then $10.00 is left and $30.00 no longer fits.
    const summaries = await runWorkers(Array.from({ length: 3 }, () => ['pay', String(shopper.id), '2', String(invoice.id), '3000']));
    expect(summaries.reduce((sum, summary) => sum + summary.done, 0)).toBe(3);
    expect(summaries.reduce((sum, summary) => sum + (summary.refused.AMOUNT_EXCEEDS_DUE ?? 0), 0)).toBe(3);
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 1_000, paymentState: 'partial' });
    expect(wallet(shopper.id)).toBe(991_000);
  });
});

describe('who may pay', () => {
  it("never lets a shopper pay another shopper's invoice", () => {
    const owner = shopperWith(0);
    const stranger = shopperWith(100_000);
    const invoice = invoiceOf(owner.id, 4_500);
    expect(refusal(() => payInvoiceFromWallet(stranger.id, invoice.id, { attemptKey: key() }))).toBe('NOT_FOUND');
    expect(refusal(() => payInvoiceFromWallet(stranger.id, 999_999, { attemptKey: key() }))).toBe('NOT_FOUND');
    expect(wallet(stranger.id)).toBe(100_000);
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 4_500, paymentState: 'not_paid' });
  });

  it('refuses wallet payments while the shop has them switched off', () => {
    const shopper = shopperWith(10_000);
    const invoice = invoiceOf(shopper.id, 4_500);
    updateSettings({ enabledPaymentMethods: ['card'] });
    try {
      expect(refusal(() => payInvoiceFromWallet(shopper.id, invoice.id, { attemptKey: key() }))).toBe('METHOD_DISABLED');
    } finally {
      updateSettings({ enabledPaymentMethods: ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] });
    }
    expect(wallet(shopper.id)).toBe(10_000);
  });
});
