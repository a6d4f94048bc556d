import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoices } from '@/db/schema';
import { fundTestWallet } from '@/test/helpers/checkout';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { closePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { findPayment } from '@/lib/payments/records';
import { sweepExpiredHolds } from '@/lib/payments/split-holds';
import { insertTestUser } from '@/test/helpers/users';
import { issueInvoice } from './create';
import { CheckoutError } from '@/lib/checkout/errors';
import { InvoiceError } from './errors';
import { startInvoiceSplitPayment } from './pay-split';
import { payInvoiceFromWallet } from './pay-wallet';

const db = getDatabase();

const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const key = () => crypto.randomUUID();
const wallet = (userId: number) => getBalance(db.read, { wallet: userId, currency: 'USD' });
const reload = async (invoiceId: number) => (await db.read.select().from(invoices).where(eq(invoices.id, invoiceId)))[0];

async function shopperWithInvoice(funds: number, total: number) {
  const shopper = await insertTestUser(db);
  await fundTestWallet(db, shopper.id, funds);
  const invoice = await issueInvoice(db, { userId: shopper.id, currency: 'USD', lines: [{ description: 'Service', quantity: 1, unitPriceMinor: total }] });
  return { shopper, invoice };
}

describe('Wallet and Card on an invoice', () => {
  it('holds the wallet part, and the card pays the rest: hold posted, invoice Paid', async () => {
    const { shopper, invoice } = await shopperWithInvoice(24_250, 75_000);
    const started = await startInvoiceSplitPayment(db, shopper, invoice.id, { attemptKey: key(), walletPart: 24_250 });
    expect(started.hold).toMatchObject({ provider: 'wallet', state: 'authorized', amount: 24_250, invoiceId: invoice.id });
    expect(started.cardPart).toMatchObject({ provider: 'demo', state: 'pending', amount: 50_750 });
    expect(started.url).toBe(`/pay/demo/${started.cardPart.reference}`);
    expect(await wallet(shopper.id)).toMatchObject({ available: 0, held: 24_250 });
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 75_000, paymentState: 'not_paid' });

    expect((await payWithDemoCard(db, shopper.id, started.cardPart.reference, card)).status).toBe('done');
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect((await findPayment(db.read, started.hold.id))?.state).toBe('done');
    expect(await wallet(shopper.id)).toMatchObject({ available: 0, held: 0, posted: 0 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('cancelling the card part releases the hold; the invoice stays Not Paid', async () => {
    const { shopper, invoice } = await shopperWithInvoice(10_000, 15_000);
    const started = await startInvoiceSplitPayment(db, shopper, invoice.id, { attemptKey: key() });
    await db.write((tx) => closePayment(tx, started.cardPart.id, 'canceled', { code: 'shopperCancelled' }));
    expect((await findPayment(db.read, started.hold.id))?.state).toBe('canceled');
    expect(await wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    expect(await reload(invoice.id)).toMatchObject({ amountResidual: 15_000, paymentState: 'not_paid' });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('the hold blocks paying the same money from the wallet meanwhile, and expires once', async () => {
    const { shopper, invoice } = await shopperWithInvoice(10_000, 15_000);
    const started = await startInvoiceSplitPayment(db, shopper, invoice.id, { attemptKey: key() });
    await expect(payInvoiceFromWallet(db, shopper.id, invoice.id, { amount: 'available', attemptKey: key() })).rejects.toThrow(InvoiceError);

    const later = new Date(started.hold.createdAt.getTime() + 31 * 60_000);
    expect(await sweepExpiredHolds(db, later)).toBeGreaterThanOrEqual(1);
    expect(await sweepExpiredHolds(db, later)).toBe(0);
    expect((await findPayment(db.read, started.hold.id))?.state).toBe('canceled');
    expect((await findPayment(db.read, started.cardPart.id))?.state).toBe('canceled');
    expect(await wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refuses a changed balance, an empty wallet and a wallet that covers it all, holding nothing', async () => {
    const { shopper, invoice } = await shopperWithInvoice(10_000, 15_000);
    await expect(startInvoiceSplitPayment(db, shopper, invoice.id, { attemptKey: key(), walletPart: 9_000 })).rejects.toSatisfy((e) => e instanceof CheckoutError && e.code === 'BALANCE_CHANGED');
    const rich = await shopperWithInvoice(20_000, 15_000);
    await expect(startInvoiceSplitPayment(db, rich.shopper, rich.invoice.id, { attemptKey: key() })).rejects.toSatisfy((e) => e instanceof CheckoutError && e.code === 'WALLET_COVERS');
    const empty = await insertTestUser(db);
    const emptyInvoice = await issueInvoice(db, { userId: empty.id, currency: 'USD', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 500 }] });
    await expect(startInvoiceSplitPayment(db, empty, emptyInvoice.id, { attemptKey: key() })).rejects.toSatisfy((e) => e instanceof CheckoutError && e.code === 'INSUFFICIENT_FUNDS');
    expect(await wallet(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    expect(await wallet(rich.shopper.id)).toMatchObject({ available: 20_000, held: 0 });
  });

  it('the same attempt key starts one split, not two', async () => {
    const { shopper, invoice } = await shopperWithInvoice(10_000, 15_000);
    const attemptKey = key();
    const first = await startInvoiceSplitPayment(db, shopper, invoice.id, { attemptKey });
    const again = await startInvoiceSplitPayment(db, shopper, invoice.id, { attemptKey });
    expect(again.cardPart.id).toBe(first.cardPart.id);
    expect(again.hold.id).toBe(first.hold.id);
    expect(await wallet(shopper.id)).toMatchObject({ available: 0, held: 10_000 });
  });
});
