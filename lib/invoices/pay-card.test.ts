import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoices } from '@/db/schema';
import { getBalance, getTransfer, verifyLedger } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { PaymentError } from '@/lib/payments/errors';
import { findPayment } from '@/lib/payments/records';
import { fundTestWallet } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { issueInvoice } from './create';
import { InvoiceError } from './errors';
import { startInvoiceCardPayment } from './pay-card';
import { payInvoiceFromWallet, type WalletInvoicePaymentOptions } from './pay-wallet';
import { getInvoicePaymentOutcome, listInvoicePayments } from './queries';

const db = getDatabase();
const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const key = () => crypto.randomUUID();
const wallet = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;
const sales = async () => (await getBalance(db.read, { system: 'sales', currency: 'USD' })).posted;
const reload = async (invoiceId: number) => (await db.read.select().from(invoices).where(eq(invoices.id, invoiceId)))[0];
const complete = (paymentId: number, amount?: number) => db.write((tx) => completePayment(tx, paymentId, amount));
const fund = (userId: number, amount: number) => fundTestWallet(db, userId, amount);
const payFromWallet = (userId: number, invoiceId: number, options: WalletInvoicePaymentOptions) => payInvoiceFromWallet(db, userId, invoiceId, options);
const startCard = (user: { id: number; email: string }, invoiceId: number, options: { attemptKey: string }) =>
  startInvoiceCardPayment(db, user, invoiceId, options);

function invoiceOf(userId: number, total: number) {
  return issueInvoice(db, { userId, currency: 'USD', lines: [{ description: 'Service', quantity: 1, unitPriceMinor: total }] });
}

describe('paying an invoice by card (Demo provider)', () => {
  it('starts a payment of the amount due and, once the card is accepted, marks the invoice Paid', async () => {
    const shopper = await insertTestUser(db);
    const invoice = await invoiceOf(shopper.id, 4_500);
    const salesBefore = await sales();
    const started = await startCard(shopper, invoice.id, { attemptKey: key() });
    expect(started.url).toBe(`/pay/demo/${started.payment.reference}`);
    expect(started.payment).toMatchObject({
      purpose: 'invoice',
      provider: 'demo',
      state: 'pending',
      amount: 4_500,
      invoiceId: invoice.id,
      returnPath: `/my/invoices/${invoice.id}`,
    });
    expect((await reload(invoice.id))?.amountResidual).toBe(4_500);

    expect((await payWithDemoCard(db, shopper.id, started.payment.reference, card)).status).toBe('done');
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    const payment = await findPayment(db.read, started.payment.id);
    expect(await getTransfer(db.read, payment?.transferId ?? 0)).toMatchObject({
      kind: 'payment',
      amount: 4_500,
      invoiceId: invoice.id,
      descriptionCode: 'invoicePayment', descriptionParams: JSON.stringify({ number: invoice.number }),
    });
    expect((await sales()) - salesBefore).toBe(4_500);
    expect(await wallet(shopper.id)).toBe(0);
    expect(await listInvoicePayments(db.read, invoice.id)).toEqual([
      expect.objectContaining({ provider: 'demo', reference: started.payment.reference, amount: 4_500 }),
    ]);
    expect(payment && (await getInvoicePaymentOutcome(db.read, shopper.id, payment))).toMatchObject({
      invoiceNumber: invoice.number,
      applied: 4_500,
      keptInWallet: 0,
      paymentState: 'paid',
    });

    // The webhook or the return page arriving second changes nothing.
    expect((await complete(started.payment.id)).alreadyDone).toBe(true);
    expect((await sales()) - salesBefore).toBe(4_500);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('pays the rest of a partially paid invoice', async () => {
    const shopper = await insertTestUser(db);
    await fund(shopper.id, 24_250);
    const invoice = await invoiceOf(shopper.id, 75_000);
    await payFromWallet(shopper.id, invoice.id, { amount: 'available', attemptKey: key() });
    const started = await startCard(shopper, invoice.id, { attemptKey: key() });
    expect(started.payment.amount).toBe(50_750);
    await complete(started.payment.id);
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect((await listInvoicePayments(db.read, invoice.id)).map((row) => [row.provider, row.amount])).toEqual([
      ['wallet', 24_250],
      ['demo', 50_750],
    ]);
  });

  it('credits the wallet with card money beyond what is still due, never over-paying the invoice', async () => {
    const shopper = await insertTestUser(db);
    await fund(shopper.id, 2_000);
    const invoice = await invoiceOf(shopper.id, 4_500);
    const started = await startCard(shopper, invoice.id, { attemptKey: key() });
    // While the card page is open, the shopper pays part of it from the wallet in another tab.
    await payFromWallet(shopper.id, invoice.id, { amount: 2_000, attemptKey: key() });
    const salesBefore = await sales();

    const { payment } = await complete(started.payment.id);
    expect(payment.state).toBe('done');
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect((await sales()) - salesBefore).toBe(2_500);
    expect(await wallet(shopper.id)).toBe(2_000);
    expect(await getTransfer(db.read, payment.transferId ?? 0)).toMatchObject({ kind: 'payment', amount: 2_500 });
    expect((await listInvoicePayments(db.read, invoice.id)).map((row) => row.amount)).toEqual([2_000, 2_500]);
    expect(await getInvoicePaymentOutcome(db.read, shopper.id, payment)).toMatchObject({ applied: 2_500, keptInWallet: 2_000 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('credits the whole card payment to the wallet when the invoice was settled meanwhile', async () => {
    const shopper = await insertTestUser(db);
    await fund(shopper.id, 4_500);
    const invoice = await invoiceOf(shopper.id, 4_500);
    const started = await startCard(shopper, invoice.id, { attemptKey: key() });
    await payFromWallet(shopper.id, invoice.id, { attemptKey: key() });
    const { payment } = await complete(started.payment.id);
    expect(await wallet(shopper.id)).toBe(4_500);
    expect(await getTransfer(db.read, payment.transferId ?? 0)).toMatchObject({ kind: 'deposit_card', amount: 4_500 });
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect((await listInvoicePayments(db.read, invoice.id)).map((row) => row.provider)).toEqual(['wallet']);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refuses a received amount that differs from the payment, and changes nothing', async () => {
    const shopper = await insertTestUser(db);
    const invoice = await invoiceOf(shopper.id, 4_500);
    const started = await startCard(shopper, invoice.id, { attemptKey: key() });
    await expect(complete(started.payment.id, 4_499)).rejects.toThrow(PaymentError);
    expect((await findPayment(db.read, started.payment.id))?.state).toBe('pending');
    expect((await reload(invoice.id))?.amountResidual).toBe(4_500);
  });

  it('starts one payment for a retried attempt and refuses paid or foreign invoices', async () => {
    const owner = await insertTestUser(db);
    const stranger = await insertTestUser(db);
    const invoice = await invoiceOf(owner.id, 4_500);
    const attemptKey = key();
    const first = await startCard(owner, invoice.id, { attemptKey });
    const second = await startCard(owner, invoice.id, { attemptKey });
    expect(second.payment.id).toBe(first.payment.id);
    await expect(startCard(stranger, invoice.id, { attemptKey: key() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await complete(first.payment.id);
    await expect(startCard(owner, invoice.id, { attemptKey: key() })).rejects.toBeInstanceOf(InvoiceError);
    // The finished attempt, retried, shows its outcome instead of paying again.
    expect((await startCard(owner, invoice.id, { attemptKey })).url).toBe(`/payments/${first.payment.reference}`);
  });
});
