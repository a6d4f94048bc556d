import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { invoices } from '@/db/schema';
import { fundTestWallet } from '@/lib/checkout/test-helpers';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { closePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { findPayment } from '@/lib/payments/records';
import { sweepExpiredHolds } from '@/lib/payments/split-holds';
import { insertTestUser } from '@/test/helpers/users';
import { createInvoice } from './create';
import { InvoiceError } from './errors';
import { startInvoiceSplitPayment } from './pay-split';
import { payInvoiceFromWallet } from './pay-wallet';

const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const key = () => crypto.randomUUID();
const wallet = (userId: number) => getBalance({ wallet: userId, currency: 'USD' });
const reload = (invoiceId: number) => db.select().from(invoices).where(eq(invoices.id, invoiceId)).get();

function shopperWithInvoice(funds: number, total: number) {
  const shopper = insertTestUser();
  fundTestWallet(shopper.id, funds);
  const invoice = createInvoice({ userId: shopper.id, currency: 'USD', lines: [{ description: 'Service', quantity: 1, unitPriceMinor: total }] });
  return { shopper, invoice };
}

describe('Wallet and Card on an invoice', () => {
  it('holds the wallet part, and the card pays the rest: hold posted, invoice Paid', async () => {
    const { shopper, invoice } = shopperWithInvoice(24_250, 75_000);
    const started = await startInvoiceSplitPayment(shopper, invoice.id, { attemptKey: key(), walletPart: 24_250 });
    expect(started.hold).toMatchObject({ provider: 'wallet', state: 'authorized', amount: 24_250, invoiceId: invoice.id });
    expect(started.cardPart).toMatchObject({ provider: 'demo', state: 'pending', amount: 50_750 });
    expect(started.url).toBe(`/pay/demo/${started.cardPart.reference}`);
    expect(wallet(shopper.id)).toMatchObject({ available: 0, held: 24_250 });
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 75_000, paymentState: 'not_paid' });

    expect(payWithDemoCard(shopper.id, started.cardPart.reference, card).status).toBe('done');
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect(findPayment(started.hold.id)?.state).toBe('done');
    expect(wallet(shopper.id)).toMatchObject({ available: 0, held: 0, posted: 0 });
    expect(verifyLedger().ok).toBe(true);
  });

  it('cancelling the card part releases the hold; the invoice stays Not Paid', async () => {
    const { shopper, invoice } = shopperWithInvoice(10_000, 15_000);
    const started = await startInvoiceSplitPayment(shopper, invoice.id, { attemptKey: key() });
    closePayment(started.cardPart.id, 'canceled', 'You cancelled this payment.');
    expect(findPayment(started.hold.id)?.state).toBe('canceled');
    expect(wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    expect(reload(invoice.id)).toMatchObject({ amountResidual: 15_000, paymentState: 'not_paid' });
    expect(verifyLedger().ok).toBe(true);
  });

  it('the hold blocks paying the same money from the wallet meanwhile, and expires once', async () => {
    const { shopper, invoice } = shopperWithInvoice(10_000, 15_000);
    const started = await startInvoiceSplitPayment(shopper, invoice.id, { attemptKey: key() });
    expect(() => payInvoiceFromWallet(shopper.id, invoice.id, { amount: 'available', attemptKey: key() })).toThrow(InvoiceError);

    const later = new Date(started.hold.createdAt.getTime() + 31 * 60_000);
    expect(sweepExpiredHolds(later)).toBeGreaterThanOrEqual(1);
    expect(sweepExpiredHolds(later)).toBe(0);
    expect(findPayment(started.hold.id)?.state).toBe('canceled');
    expect(findPayment(started.cardPart.id)?.state).toBe('canceled');
    expect(wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    expect(verifyLedger().ok).toBe(true);
  });

  it('refuses a changed balance, an empty wallet and a wallet that covers it all, holding nothing', async () => {
    const { shopper, invoice } = shopperWithInvoice(10_000, 15_000);
    await expect(startInvoiceSplitPayment(shopper, invoice.id, { attemptKey: key(), walletPart: 9_000 })).rejects.toThrow(InvoiceError);
    const rich = shopperWithInvoice(20_000, 15_000);
    await expect(startInvoiceSplitPayment(rich.shopper, rich.invoice.id, { attemptKey: key() })).rejects.toThrow(InvoiceError);
    const empty = insertTestUser();
    const emptyInvoice = createInvoice({ userId: empty.id, currency: 'USD', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 500 }] });
    await expect(startInvoiceSplitPayment(empty, emptyInvoice.id, { attemptKey: key() })).rejects.toThrow(InvoiceError);
    expect(wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    expect(wallet(rich.shopper.id)).toMatchObject({ available: 20_000, held: 0 });
  });

  it('the same attempt key starts one split, not two', async () => {
    const { shopper, invoice } = shopperWithInvoice(10_000, 15_000);
    const attemptKey = key();
    const first = await startInvoiceSplitPayment(shopper, invoice.id, { attemptKey });
    const again = await startInvoiceSplitPayment(shopper, invoice.id, { attemptKey });
    expect(again.cardPart.id).toBe(first.cardPart.id);
    expect(again.hold.id).toBe(first.hold.id);
    expect(wallet(shopper.id)).toMatchObject({ available: 0, held: 10_000 });
  });
});
