// Stripe's webhook deliveries through the route handler, for payments the shop had already closed
// (the old cancel link, a page left behind): the money Stripe took must still land, exactly once.
import crypto from 'node:crypto';
import type Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { invoices, orders, payments } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { issueInvoice } from '@/lib/invoices/create';
import { startInvoiceCardPayment } from '@/lib/invoices/pay-card';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { closePayment } from '@/lib/payments/complete';
import { findPayment } from '@/lib/payments/records';
import { startTopUp } from '@/lib/wallet/top-ups';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { useStripeStandIn } from '@/test/helpers/stripe';
import { POST } from './route';

const stripe = useStripeStandIn('whsec_test_coffer_closed');
const db = getDatabase();

/** A signed delivery of `type` about the session as Stripe now has it; answers the HTTP status. */
async function deliver(type: string, sessionId: string): Promise<number> {
  const session = stripe.standIn.sessions.get(sessionId);
  if (!session) throw new Error(`unknown session ${sessionId}`);
  const { payload, header } = stripe.sign(stripe.standIn.eventFor(type, session));
  const response = await POST(new Request('http://localhost:3000/api/stripe/webhook', { method: 'POST', body: payload, headers: { 'stripe-signature': header } }));
  return response.status;
}

/** The card payment closed as the old cancel link closed it, then paid at Stripe after all. */
async function closedThenPaid(paymentId: number): Promise<string> {
  const payment = await findPayment(db.read, paymentId);
  if (!payment?.providerReference) throw new Error('expected a Checkout Session');
  await db.write((tx) => closePayment(tx, payment.id, 'canceled', { code: 'shopperCancelled' }));
  stripe.standIn.payFor(payment.providerReference);
  return payment.providerReference;
}

async function cardTopUp(shopper: { id: number; email: string }, amount: string) {
  const started = await startTopUp(db, shopper, { amount, method: 'card', attemptKey: crypto.randomUUID() });
  if (started.status !== 'redirect') throw new Error('expected a redirect to Stripe Checkout');
  return started.payment;
}

const balanceOf = (userId: number) => getBalance(db.read, { wallet: userId, currency: 'USD' });
const orderState = async (orderId: number) => (await db.read.select().from(orders).where(eq(orders.id, orderId)))[0]?.state;
const ledgerVerifies = async () => (await verifyLedger(db.read)).ok;

describe('a webhook for a payment the shop had closed', () => {
  it('webhook for a closed payment answers 200 and credits the top-up once', async () => {
    const shopper = await insertTestUser(db);
    const payment = await cardTopUp(shopper, '25.00');
    const sessionId = await closedThenPaid(payment.id);

    expect(await deliver('checkout.session.completed', sessionId)).toBe(200);
    expect(await findPayment(db.read, payment.id)).toMatchObject({ state: 'done', failureCode: null });
    expect((await balanceOf(shopper.id)).available).toBe(2_500);

    expect(await deliver('checkout.session.async_payment_succeeded', sessionId)).toBe(200);
    expect((await balanceOf(shopper.id)).available).toBe(2_500);
    expect(await ledgerVerifies()).toBe(true);
  });

  it('a card order still waiting for its money is paid by it', async () => {
    const shopper = await insertTestUser(db);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 5_900), quantity: 1 }]);
    const placed = await placeOrder(db, shopper, { method: 'card', checkoutKey: crypto.randomUUID() });
    const sessionId = await closedThenPaid(placed.payment.id);

    expect(await deliver('checkout.session.completed', sessionId)).toBe(200);
    expect(await orderState(placed.order.id)).toBe('paid');
    expect((await balanceOf(shopper.id)).available).toBe(0);
    expect(await ledgerVerifies()).toBe(true);
  });

  it('a Wallet and Card order whose hold was released keeps the card money in the wallet', async () => {
    const shopper = await insertTestUser(db);
    await fundTestWallet(db, shopper.id, 10_000);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 15_000), quantity: 1 }]);
    const placed = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
    const sessionId = await closedThenPaid(placed.payment.id);
    expect(await balanceOf(shopper.id)).toMatchObject({ available: 10_000, held: 0 });

    expect(await deliver('checkout.session.completed', sessionId)).toBe(200);
    expect(await deliver('checkout.session.completed', sessionId)).toBe(200);
    // The hold is gone, so 50.00 cannot pay a 150.00 order: it reaches the wallet, once.
    expect(await orderState(placed.order.id)).toBe('confirmed');
    expect(await balanceOf(shopper.id)).toMatchObject({ available: 15_000, held: 0 });
    expect((await db.read.select().from(payments).where(eq(payments.orderId, placed.order.id)).orderBy(payments.id)).map((p) => [p.provider, p.state])).toEqual([
      ['wallet', 'canceled'],
      ['stripe', 'done'],
    ]);
    expect(await ledgerVerifies()).toBe(true);
  });

  it('an invoice is paid by it', async () => {
    const shopper = await insertTestUser(db);
    const invoice = await issueInvoice(db, { userId: shopper.id, currency: 'USD', lines: [{ description: 'Service', quantity: 1, unitPriceMinor: 4_500 }] });
    const started = await startInvoiceCardPayment(db, shopper, invoice.id, { attemptKey: crypto.randomUUID() });
    const sessionId = await closedThenPaid(started.payment.id);

    expect(await deliver('checkout.session.completed', sessionId)).toBe(200);
    expect((await db.read.select().from(invoices).where(eq(invoices.id, invoice.id)))[0]).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect(await ledgerVerifies()).toBe(true);
  });

  it('a session that is not the one the closed payment opened credits nothing', async () => {
    const shopper = await insertTestUser(db);
    const payment = await cardTopUp(shopper, '25.00');
    const sessionId = await closedThenPaid(payment.id);
    // A session that names another payment (not the one that opened it) is ignored, closed or not.
    const other = { ...stripe.standIn.sessions.get(sessionId), id: 'cs_test_forged' } as Stripe.Checkout.Session;
    stripe.standIn.sessions.set(other.id, other);
    expect(await deliver('checkout.session.completed', other.id)).toBe(200);
    expect((await findPayment(db.read, payment.id))?.state).toBe('canceled');
    expect((await balanceOf(shopper.id)).available).toBe(0);
  });
});
