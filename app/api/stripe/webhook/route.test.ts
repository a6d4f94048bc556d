// Stripe's webhook deliveries through the route handler, for payments the shop had already closed
// (the old cancel link, a page left behind): the money Stripe took must still land, exactly once.
import crypto from 'node:crypto';
import type Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { invoices, orders, payments } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/lib/checkout/test-helpers';
import { createInvoice } from '@/lib/invoices/create';
import { startInvoiceCardPayment } from '@/lib/invoices/pay-card';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { closePayment } from '@/lib/payments/complete';
import { findPayment } from '@/lib/payments/records';
import { startTopUp } from '@/lib/wallet/top-ups';
import { insertTestUser } from '@/test/helpers/users';
import { useStripeStandIn } from '@/test/helpers/stripe';
import { POST } from './route';

const stripe = useStripeStandIn('whsec_test_coffer_closed');

/** A signed delivery of `type` about the session as Stripe now has it; answers the HTTP status. */
async function deliver(type: string, sessionId: string): Promise<number> {
  const session = stripe.standIn.sessions.get(sessionId);
  if (!session) throw new Error(`unknown session ${sessionId}`);
  const { payload, header } = stripe.sign(stripe.standIn.eventFor(type, session));
  const response = await POST(new Request('http://localhost:3000/api/stripe/webhook', { method: 'POST', body: payload, headers: { 'stripe-signature': header } }));
  return response.status;
}

/** The card payment closed as the old cancel link closed it, then paid at Stripe after all. */
function closedThenPaid(paymentId: number): string {
  const payment = findPayment(paymentId);
  if (!payment?.providerReference) throw new Error('expected a Checkout Session');
  closePayment(payment.id, 'canceled', 'You cancelled the card payment.');
  stripe.standIn.payFor(payment.providerReference);
  return payment.providerReference;
}

async function cardTopUp(shopper: { id: number; email: string }, amount: string) {
  const started = await startTopUp(shopper, { amount, method: 'card', attemptKey: crypto.randomUUID() });
  if (started.status !== 'redirect') throw new Error('expected a redirect to Stripe Checkout');
  return started.payment;
}

const balanceOf = (userId: number) => getBalance({ wallet: userId, currency: 'USD' });
const orderState = (orderId: number) => db.select().from(orders).where(eq(orders.id, orderId)).get()?.state;

describe('a webhook for a payment the shop had closed', () => {
  it('webhook for a closed payment answers 200 and credits the top-up once', async () => {
    const shopper = insertTestUser();
    const payment = await cardTopUp(shopper, '25.00');
    const sessionId = closedThenPaid(payment.id);

    expect(await deliver('checkout.session.completed', sessionId)).toBe(200);
    expect(findPayment(payment.id)).toMatchObject({ state: 'done', failureMessage: null });
    expect(balanceOf(shopper.id).available).toBe(2_500);

    expect(await deliver('checkout.session.async_payment_succeeded', sessionId)).toBe(200);
    expect(balanceOf(shopper.id).available).toBe(2_500);
    expect(verifyLedger().ok).toBe(true);
  });

  it('a card order still waiting for its money is paid by it', async () => {
    const shopper = insertTestUser();
    fillTestCart(shopper.id, [{ product: insertTestProduct(5_900), quantity: 1 }]);
    const placed = await placeOrder(shopper, { method: 'card', checkoutKey: crypto.randomUUID() });
    const sessionId = closedThenPaid(placed.payment.id);

    expect(await deliver('checkout.session.completed', sessionId)).toBe(200);
    expect(orderState(placed.order.id)).toBe('paid');
    expect(balanceOf(shopper.id).available).toBe(0);
    expect(verifyLedger().ok).toBe(true);
  });

  it('a Wallet and Card order whose hold was released keeps the card money in the wallet', async () => {
    const shopper = insertTestUser();
    fundTestWallet(shopper.id, 10_000);
    fillTestCart(shopper.id, [{ product: insertTestProduct(15_000), quantity: 1 }]);
    const placed = await placeOrder(shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
    const sessionId = closedThenPaid(placed.payment.id);
    expect(balanceOf(shopper.id)).toMatchObject({ available: 10_000, held: 0 });

    expect(await deliver('checkout.session.completed', sessionId)).toBe(200);
    expect(await deliver('checkout.session.completed', sessionId)).toBe(200);
    // The hold is gone, so 50.00 cannot pay a 150.00 order: it reaches the wallet, once.
    expect(orderState(placed.order.id)).toBe('confirmed');
    expect(balanceOf(shopper.id)).toMatchObject({ available: 15_000, held: 0 });
    expect(db.select().from(payments).where(eq(payments.orderId, placed.order.id)).all().map((p) => [p.provider, p.state])).toEqual([
      ['wallet', 'canceled'],
      ['stripe', 'done'],
    ]);
    expect(verifyLedger().ok).toBe(true);
  });

  it('an invoice is paid by it', async () => {
    const shopper = insertTestUser();
    const invoice = createInvoice({ userId: shopper.id, currency: 'USD', lines: [{ description: 'Service', quantity: 1, unitPriceMinor: 4_500 }] });
    const started = await startInvoiceCardPayment(shopper, invoice.id, { attemptKey: crypto.randomUUID() });
    const sessionId = closedThenPaid(started.payment.id);

    expect(await deliver('checkout.session.completed', sessionId)).toBe(200);
    expect(db.select().from(invoices).where(eq(invoices.id, invoice.id)).get()).toMatchObject({ amountResidual: 0, paymentState: 'paid' });
    expect(verifyLedger().ok).toBe(true);
  });

  it('a session that is not the one the closed payment opened credits nothing', async () => {
    const shopper = insertTestUser();
    const payment = await cardTopUp(shopper, '25.00');
    const sessionId = closedThenPaid(payment.id);
    // A session that names another payment (not the one that opened it) is ignored, closed or not.
    const other = { ...stripe.standIn.sessions.get(sessionId), id: 'cs_test_forged' } as Stripe.Checkout.Session;
    stripe.standIn.sessions.set(other.id, other);
    expect(await deliver('checkout.session.completed', other.id)).toBe(200);
    expect(findPayment(payment.id)?.state).toBe('canceled');
    expect(balanceOf(shopper.id).available).toBe(0);
  });
});
