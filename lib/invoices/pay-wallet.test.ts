import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoices, payments } from '@/db/schema';
import { getBalance, getTransfer, listAccountHistory, verifyLedger } from '@/lib/ledger';
import { updateSettings, type EditableSettings } from '@/lib/settings';
import { fundTestWallet } from '@/test/helpers/checkout';
import { runWorkers } from '@/test/helpers/invoice-workers';
import { insertTestUser } from '@/test/helpers/users';
import { issueInvoice } from './create';
import { InvoiceError } from './errors';
import { payInvoiceFromWallet, type WalletInvoicePaymentOptions } from './pay-wallet';
import { listInvoicePayments } from './queries';

const db = getDatabase();
const wallet = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;
const key = () => crypto.randomUUID();
const fund = (userId: number, amount: number) => fundTestWallet(db, userId, amount);
const pay = (userId: number, invoiceId: number, options: WalletInvoicePaymentOptions) => payInvoiceFromWallet(db, userId, invoiceId, options);
const settings = (changes: Partial<EditableSettings>) => db.write((tx) => updateSettings(tx, changes));

async function shopperWith(balance: number) {
  const shopper = await insertTestUser(db);
  if (balance > 0) await fund(shopper.id, balance);
  return shopper;
}

function invoiceOf(userId: number, total: number) {
  return issueInvoice(db, { userId, currency: 'USD', lines: [{ description: 'Service', quantity: 1, unitPriceMinor: total }] });
}

const reload = async (invoiceId: number) => (await db.read.select().from(invoices).where(eq(invoices.id, invoiceId)))[0];
const paymentsOf = (invoiceId: number) => db.read.select().from(payments).where(eq(payments.invoiceId, invoiceId));

async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    if (error instanceof InvoiceError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('paying an invoice in full from the wallet', () => {
  it('marks it Paid, takes exactly its amount and names the invoice in the wallet history', async () => {
    const shopper = await shopperWith(100_000);
    const invoice = await invoiceOf(shopper.id, 75_000);
    const result = await pay(shopper.id, invoice.id, { attemptKey: key() });

    expect(result).toMatchObject({ amount: 75_000, replayed: false, invoice: { amountResidual: 0, paymentState: 'paid' } });
    expect(await wallet(shopper.id)).toBe(25_000);
    expect(result.payment).toMatchObject({
      provider: 'wallet',
      purpose: 'invoice',
      state: 'done',
      amount: 75_000,
      invoiceId: invoice.id,
      userId: shopper.id,
    });
    const transfer = await getTransfer(db.read, result.payment.transferId ?? 0);
    expect(transfer).toMatchObject({
      kind: 'payment',
      amount: 75_000,
      state: 'posted',
      invoiceId: invoice.id,
      paymentId: result.payment.id,
      descriptionCode: 'invoicePayment', descriptionParams: JSON.stringify({ number: invoice.number }),
    });
    const [latest] = (await listAccountHistory(db.read, { wallet: shopper.id, currency: 'USD' }, { page: 1, pageSize: 1 })).rows;
    expect(latest).toMatchObject({ description: { code: 'invoicePayment', params: { number: invoice.number } }, debit: 75_000 });
    expect(await listInvoicePayments(db.read, invoice.id)).toEqual([
      expect.objectContaining({ provider: 'wallet', reference: result.payment.reference, amount: 75_000, currency: 'USD' }),
    ]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refuses when the wallet is short, and records nothing', async () => {
    const shopper = await shopperWith(24_250);
    const invoice = await invoiceOf(shopper.id, 75_000);
    expect(await refusal(pay(shopper.id, invoice.id, { attemptKey: key() }))).toBe('INSUFFICIENT_FUNDS');
    expect(await wallet(shopper.id)).toBe(24_250);
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 75_000, paymentState: 'not_paid' });
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
  });

  it('refuses an invoice that is already paid', async () => {
    const shopper = await shopperWith(10_000);
    const invoice = await invoiceOf(shopper.id, 4_500);
    await pay(shopper.id, invoice.id, { attemptKey: key() });
    expect(await refusal(pay(shopper.id, invoice.id, { attemptKey: key() }))).toBe('ALREADY_PAID');
    expect(await wallet(shopper.id)).toBe(5_500);
  });
});

describe('partial payments', () => {
  it('pays what the wallet holds now, leaves the rest due, and later payments settle it', async () => {
    const shopper = await shopperWith(24_250);
    const invoice = await invoiceOf(shopper.id, 75_000);

    const partial = await pay(shopper.id, invoice.id, { amount: 'available', attemptKey: key() });
    expect(partial).toMatchObject({ amount: 24_250, invoice: { amountResidual: 50_750, paymentState: 'partial' } });
    expect(await wallet(shopper.id)).toBe(0);

    expect(await refusal(pay(shopper.id, invoice.id, { amount: 'available', attemptKey: key() }))).toBe(
      'INSUFFICIENT_FUNDS',
    );

    await fund(shopper.id, 60_000);
    const rest = await pay(shopper.id, invoice.id, { amount: 'available', attemptKey: key() });
    expect(rest).toMatchObject({ amount: 50_750, invoice: { amountResidual: 0, paymentState: 'paid' } });
    expect(await wallet(shopper.id)).toBe(9_250);
    expect((await listInvoicePayments(db.read, invoice.id)).map((row) => row.amount)).toEqual([24_250, 50_750]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it.each([
    [10_001, [1, 3_333, 3_333, 3_334], [10_000, 6_667, 3_334, 0]],
    [99, [98, 1], [1, 0]],
    [75_000, [24_250, 50_000, 750], [50_750, 750, 0]],
  ])('an invoice of %i paid in parts %j leaves residuals %j', async (total, parts, residuals) => {
    const shopper = await shopperWith(total);
    const invoice = await invoiceOf(shopper.id, total);
    const seen = [];
    for (const amount of parts) seen.push((await pay(shopper.id, invoice.id, { amount, attemptKey: key() })).invoice);
    expect(seen.map((row) => row.amountResidual)).toEqual(residuals);
    expect(seen.map((row) => row.paymentState)).toEqual(residuals.map((r) => (r === 0 ? 'paid' : 'partial')));
    expect(await wallet(shopper.id)).toBe(0);
  });

  it('never over-pays: an amount above the amount due is refused and nothing moves', async () => {
    const shopper = await shopperWith(100_000);
    const invoice = await invoiceOf(shopper.id, 4_500);
    await pay(shopper.id, invoice.id, { amount: 1_000, attemptKey: key() });
    expect(await refusal(pay(shopper.id, invoice.id, { amount: 3_501, attemptKey: key() }))).toBe('AMOUNT_EXCEEDS_DUE');
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 3_500, paymentState: 'partial' });
    expect(await wallet(shopper.id)).toBe(99_000);
    expect(await paymentsOf(invoice.id)).toHaveLength(1);
  });

  it.each([0, -1, 10.5, Number.NaN])('refuses the amount %s', async (amount) => {
    const shopper = await shopperWith(10_000);
    const invoice = await invoiceOf(shopper.id, 4_500);
    expect(await refusal(pay(shopper.id, invoice.id, { amount, attemptKey: key() }))).toBe('INVALID_AMOUNT');
    expect(await wallet(shopper.id)).toBe(10_000);
  });
});

describe('retries and concurrency', () => {
  it('pays once for a retried attempt, even after the amount due has changed', async () => {
    const shopper = await shopperWith(30_000);
    const invoice = await invoiceOf(shopper.id, 75_000);
    const attemptKey = key();
    const first = await pay(shopper.id, invoice.id, { amount: 'available', attemptKey });
    const again = await pay(shopper.id, invoice.id, { amount: 'available', attemptKey });
    expect(again).toMatchObject({ replayed: true, amount: 30_000, payment: { id: first.payment.id } });
    expect(again.invoice.amountResidual).toBe(45_000);
    expect(await wallet(shopper.id)).toBe(0);
    expect(await paymentsOf(invoice.id)).toHaveLength(1);
    expect(await refusal(pay(shopper.id, invoice.id, { amount: 100, attemptKey }))).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('lets several processes paying one invoice at once take no more than its amount due', async () => {
    const shopper = await shopperWith(1_000_000);
    const invoice = await invoiceOf(shopper.id, 10_000);
    // 4 processes × 10 payments of $5.00 = $200.00 tried against $100.00 due: exactly 20 may pass.
    const summaries = await runWorkers(Array.from({ length: 4 }, () => ['pay', String(shopper.id), '10', String(invoice.id), '500']));
    const done = summaries.reduce((sum, summary) => sum + summary.done, 0);
    const refused = summaries.flatMap((summary) => Object.keys(summary.refused));
    expect(done).toBe(20);
    expect(new Set(refused)).toEqual(new Set(['ALREADY_PAID']));
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect(await wallet(shopper.id)).toBe(990_000);
    expect((await listInvoicePayments(db.read, invoice.id)).reduce((sum, row) => sum + row.amount, 0)).toBe(10_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refuses in a concurrent race the part that no longer fits the amount due', async () => {
    const shopper = await shopperWith(1_000_000);
    const invoice = await invoiceOf(shopper.id, 10_000);
    // 3 processes each try 2 payments of $30.00 against $100.00: 3 pass, then $10.00 is left and $30.00 no longer fits.
    const summaries = await runWorkers(Array.from({ length: 3 }, () => ['pay', String(shopper.id), '2', String(invoice.id), '3000']));
    expect(summaries.reduce((sum, summary) => sum + summary.done, 0)).toBe(3);
    expect(summaries.reduce((sum, summary) => sum + (summary.refused.AMOUNT_EXCEEDS_DUE ?? 0), 0)).toBe(3);
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 1_000, paymentState: 'partial' });
    expect(await wallet(shopper.id)).toBe(991_000);
  });
});

describe('who may pay', () => {
  it("never lets a shopper pay another shopper's invoice", async () => {
    const owner = await shopperWith(0);
    const stranger = await shopperWith(100_000);
    const invoice = await invoiceOf(owner.id, 4_500);
    expect(await refusal(pay(stranger.id, invoice.id, { attemptKey: key() }))).toBe('NOT_FOUND');
    expect(await refusal(pay(stranger.id, 999_999, { attemptKey: key() }))).toBe('NOT_FOUND');
    expect(await wallet(stranger.id)).toBe(100_000);
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 4_500, paymentState: 'not_paid' });
  });

  it('refuses wallet payments while the shop has them switched off', async () => {
    const shopper = await shopperWith(10_000);
    const invoice = await invoiceOf(shopper.id, 4_500);
    await settings({ enabledPaymentMethods: ['card'] });
    try {
      expect(await refusal(pay(shopper.id, invoice.id, { attemptKey: key() }))).toBe('METHOD_DISABLED');
    } finally {
      await settings({ enabledPaymentMethods: ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] });
    }
    expect(await wallet(shopper.id)).toBe(10_000);
  });
});
