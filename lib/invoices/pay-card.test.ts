import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { invoices } from '@/db/schema';
import { getBalance, getTransfer, postTransfer, verifyLedger } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { PaymentError } from '@/lib/payments/errors';
import { findPayment } from '@/lib/payments/records';
import { insertTestUser } from '@/test/helpers/users';
import { createInvoice } from './create';
import { InvoiceError } from './errors';
import { startInvoiceCardPayment } from './pay-card';
import { payInvoiceFromWallet } from './pay-wallet';
import { getInvoicePaymentOutcome, listInvoicePayments } from './queries';

const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const key = () => crypto.randomUUID();
const wallet = (userId: number) => getBalance({ wallet: userId, currency: 'USD' }).available;
const sales = () => getBalance({ system: 'sales', currency: 'USD' }).posted;
const reload = (invoiceId: number) => db.select().from(invoices).where(eq(invoices.id, invoiceId)).get();

function invoiceOf(userId: number, total: number) {
  return createInvoice({ userId, currency: 'USD', lines: [{ description: 'Service', quantity: 1, unitPriceMinor: total }] });
}

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

describe('paying an invoice by card (Demo provider)', () => {
  it('starts a payment of the amount due and, once the card is accepted, marks the invoice Paid', async () => {
    const shopper = insertTestUser();
    const invoice = invoiceOf(shopper.id, 4_500);
    const salesBefore = sales();
    const started = await startInvoiceCardPayment(shopper, invoice.id, { attemptKey: key() });
    expect(started.url).toBe(`/pay/demo/${started.payment.reference}`);
    expect(started.payment).toMatchObject({
      purpose: 'invoice',
      provider: 'demo',
      state: 'pending',
      amount: 4_500,
      invoiceId: invoice.id,
      returnPath: `/my/invoices/${invoice.id}`,
    });
    expect(reload(invoice.id)?.amountResidual).toBe(4_500);

    expect(payWithDemoCard(shopper.id, started.payment.reference, card).status).toBe('done');
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    const payment = findPayment(started.payment.id);
    expect(getTransfer(payment?.transferId ?? 0)).toMatchObject({
      kind: 'payment',
      amount: 4_500,
      invoiceId: invoice.id,
      description: `Payment of invoice ${invoice.number}`,
    });
    expect(sales() - salesBefore).toBe(4_500);
    expect(wallet(shopper.id)).toBe(0);
    expect(listInvoicePayments(invoice.id)).toEqual([
      expect.objectContaining({ method: 'Card (Demo)', reference: started.payment.reference, amount: 4_500 }),
    ]);
    expect(payment && getInvoicePaymentOutcome(shopper.id, payment)).toMatchObject({
      invoiceNumber: invoice.number,
      applied: 4_500,
      keptInWallet: 0,
      paymentState: 'paid',
    });

    // The webhook or the return page arriving second changes nothing.
    expect(completePayment(started.payment.id).alreadyDone).toBe(true);
    expect(sales() - salesBefore).toBe(4_500);
    expect(verifyLedger().ok).toBe(true);
  });

  it('pays the rest of a partially paid invoice', async () => {
    const shopper = insertTestUser();
    fund(shopper.id, 24_250);
    const invoice = invoiceOf(shopper.id, 75_000);
    payInvoiceFromWallet(shopper.id, invoice.id, { amount: 'available', attemptKey: key() });
    const started = await startInvoiceCardPayment(shopper, invoice.id, { attemptKey: key() });
    expect(started.payment.amount).toBe(50_750);
    completePayment(started.payment.id);
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect(listInvoicePayments(invoice.id).map((row) => [row.method, row.amount])).toEqual([
      ['Wallet', 24_250],
      ['Card (Demo)', 50_750],
    ]);
  });

  it('credits the wallet with card money beyond what is still due, never over-paying the invoice', async () => {
    const shopper = insertTestUser();
    fund(shopper.id, 2_000);
    const invoice = invoiceOf(shopper.id, 4_500);
    const started = await startInvoiceCardPayment(shopper, invoice.id, { attemptKey: key() });
    // While the card page is open, the shopper pays part of it from the wallet in another tab.
    payInvoiceFromWallet(shopper.id, invoice.id, { amount: 2_000, attemptKey: key() });
    const salesBefore = sales();

    const { payment } = completePayment(started.payment.id);
    expect(payment.state).toBe('done');
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect(sales() - salesBefore).toBe(2_500);
    expect(wallet(shopper.id)).toBe(2_000);
    expect(getTransfer(payment.transferId ?? 0)).toMatchObject({ kind: 'payment', amount: 2_500 });
    expect(listInvoicePayments(invoice.id).map((row) => row.amount)).toEqual([2_000, 2_500]);
    expect(getInvoicePaymentOutcome(shopper.id, payment)).toMatchObject({ applied: 2_500, keptInWallet: 2_000 });
    expect(verifyLedger().ok).toBe(true);
  });

  it('credits the whole card payment to the wallet when the invoice was settled meanwhile', async () => {
    const shopper = insertTestUser();
    fund(shopper.id, 4_500);
    const invoice = invoiceOf(shopper.id, 4_500);
    const started = await startInvoiceCardPayment(shopper, invoice.id, { attemptKey: key() });
    payInvoiceFromWallet(shopper.id, invoice.id, { attemptKey: key() });
    const { payment } = completePayment(started.payment.id);
    expect(wallet(shopper.id)).toBe(4_500);
    expect(getTransfer(payment.transferId ?? 0)).toMatchObject({ kind: 'deposit_card', amount: 4_500 });
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect(listInvoicePayments(invoice.id).map((row) => row.method)).toEqual(['Wallet']);
    expect(verifyLedger().ok).toBe(true);
  });

  it('refuses a received amount that differs from the payment, and changes nothing', async () => {
    const shopper = insertTestUser();
    const invoice = invoiceOf(shopper.id, 4_500);
    const started = await startInvoiceCardPayment(shopper, invoice.id, { attemptKey: key() });
    expect(() => completePayment(started.payment.id, 4_499)).toThrow(PaymentError);
    expect(findPayment(started.payment.id)?.state).toBe('pending');
    expect(reload(invoice.id)?.amountResidual).toBe(4_500);
  });

  it('starts one payment for a retried attempt and refuses paid or foreign invoices', async () => {
    const owner = insertTestUser();
    const stranger = insertTestUser();
    const invoice = invoiceOf(owner.id, 4_500);
    const attemptKey = key();
    const first = await startInvoiceCardPayment(owner, invoice.id, { attemptKey });
    const second = await startInvoiceCardPayment(owner, invoice.id, { attemptKey });
    expect(second.payment.id).toBe(first.payment.id);
    await expect(startInvoiceCardPayment(stranger, invoice.id, { attemptKey: key() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    completePayment(first.payment.id);
    await expect(startInvoiceCardPayment(owner, invoice.id, { attemptKey: key() })).rejects.toBeInstanceOf(InvoiceError);
    // The finished attempt, retried, shows its outcome instead of paying again.
    expect((await startInvoiceCardPayment(owner, invoice.id, { attemptKey })).url).toBe(`/payments/${first.payment.reference}`);
  });
});
