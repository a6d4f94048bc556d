// The page Stripe Checkout sends the shopper back to, called as Next.js would call it, against the
// local Stripe stand-in. The request arrives at localhost (as under `next start`); the shop is elsewhere.
import crypto from 'node:crypto';
import type Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { orders, payments } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/lib/checkout/test-helpers';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { findPayment } from '@/lib/payments/records';
import { handleStripeWebhook } from '@/lib/payments/stripe';
import { stripeClient } from '@/lib/payments/stripe-client';
import { startTopUp } from '@/lib/wallet/top-ups';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';
import { useStripeStandIn } from '@/test/helpers/stripe';

vi.mock('../../../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));

const { GET } = await import('./route');
const { proxy } = await import('@/proxy');

const shop = 'https://shop.example';
// Read once per process by appConfig(), before anything in this file asks for it.
process.env.APP_URL = shop;
const stripe = useStripeStandIn('whsec_test_coffer_return');

beforeEach(() => {
  fakeRequest.viewer = null;
});

function signIn(user: { id: number; name: string; email: string }) {
  fakeRequest.viewer = { ...user, role: 'customer' };
}

/** Stripe's browser redirect as it reaches `next start`: at localhost, whatever the public host. */
async function comeBack(query: string): Promise<string | null> {
  const response = await GET(new NextRequest(`http://localhost:3000/payments/stripe/return?${query}`));
  return response.headers.get('location');
}

async function deliver(type: string, session: Stripe.Checkout.Session) {
  const { payload, header } = stripe.sign(stripe.standIn.eventFor(type, session));
  return handleStripeWebhook(payload, header);
}

const balanceOf = (userId: number) => getBalance({ wallet: userId, currency: 'USD' });

async function cardTopUp(amount: string) {
  const shopper = insertTestUser();
  const started = await startTopUp(shopper, { amount, method: 'card', attemptKey: crypto.randomUUID() });
  if (started.status !== 'redirect') throw new Error('expected a redirect to Stripe Checkout');
  const payment = findPayment(started.payment.id);
  if (!payment?.providerReference) throw new Error('expected a Checkout Session');
  signIn(shopper);
  return { shopper, payment, sessionId: payment.providerReference };
}

async function walletAndCardOrder() {
  const shopper = insertTestUser();
  fundTestWallet(shopper.id, 10_000);
  fillTestCart(shopper.id, [{ product: insertTestProduct(15_000), quantity: 1 }]);
  const placed = await placeOrder(shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  const card = findPayment(placed.payment.id);
  if (!card?.providerReference) throw new Error('expected a Checkout Session');
  signIn(shopper);
  return { shopper, order: placed.order, card, sessionId: card.providerReference };
}

const partsOf = (orderId: number) =>
  db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(payments.id).all().map((p) => [p.provider, p.state]);
const orderState = (orderId: number) => db.select().from(orders).where(eq(orders.id, orderId)).get()?.state;

describe('cancel on the return page after paying at Stripe (a second tab, the back button)', () => {
  it('a top-up paid at Stripe and then canceled on the return page is credited once', async () => {
    const { shopper, payment, sessionId } = await cardTopUp('339.50');
    const paid = stripe.standIn.payFor(sessionId);

    await comeBack(`payment=${payment.reference}&canceled=1`);
    expect(findPayment(payment.id)?.state).toBe('done');
    expect(balanceOf(shopper.id).available).toBe(33_950);

    expect(await deliver('checkout.session.completed', paid)).toEqual({ status: 200, message: 'OK' });
    expect(balanceOf(shopper.id).available).toBe(33_950);
    expect(verifyLedger().ok).toBe(true);
  });

  it('a Wallet and Card order paid at Stripe and then canceled is paid, its wallet hold captured', async () => {
    const { shopper, order, card, sessionId } = await walletAndCardOrder();
    const paid = stripe.standIn.payFor(sessionId);

    await comeBack(`payment=${card.reference}&canceled=1`);
    expect(orderState(order.id)).toBe('paid');
    expect(partsOf(order.id)).toEqual([
      ['wallet', 'done'],
      ['stripe', 'done'],
    ]);
    expect(await deliver('checkout.session.completed', paid)).toMatchObject({ status: 200 });
    expect(balanceOf(shopper.id)).toMatchObject({ available: 0, held: 0 });
    expect(verifyLedger().ok).toBe(true);
  });

  it('an open Stripe page is expired at Stripe before the payment is closed and the hold released', async () => {
    const { shopper, order, card, sessionId } = await walletAndCardOrder();

    await comeBack(`payment=${card.reference}&canceled=1`);
    expect(stripe.standIn.requests).toContainEqual(expect.objectContaining({ method: 'POST', path: `/v1/checkout/sessions/${sessionId}/expire` }));
    expect(stripe.standIn.sessions.get(sessionId)?.status).toBe('expired');
    expect(partsOf(order.id)).toEqual([
      ['wallet', 'canceled'],
      ['stripe', 'canceled'],
    ]);
    expect(orderState(order.id)).toBe('confirmed');
    expect(balanceOf(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    expect(verifyLedger().ok).toBe(true);
  });

  it('a page paid between the look-up and the expiry: Stripe refuses to expire it and the payment completes', async () => {
    const { shopper, payment } = await cardTopUp('20.00');
    const sessions = stripeClient().checkout.sessions;
    const expire = sessions.expire.bind(sessions);
    vi.spyOn(sessions, 'expire').mockImplementationOnce(async (id: string) => {
      stripe.standIn.payFor(id);
      return expire(id);
    });

    await comeBack(`payment=${payment.reference}&canceled=1`);
    expect(findPayment(payment.id)?.state).toBe('done');
    expect(balanceOf(shopper.id).available).toBe(2_000);
  });

  it('a page completed at Stripe whose bank debit is still settling stays open on cancel', async () => {
    const { payment, sessionId } = await cardTopUp('30.00');
    const session = stripe.standIn.sessions.get(sessionId);
    if (!session) throw new Error('expected the session at Stripe');
    stripe.standIn.sessions.set(sessionId, { ...session, status: 'complete', payment_status: 'unpaid' });

    await comeBack(`payment=${payment.reference}&canceled=1`);
    expect(findPayment(payment.id)?.state).toBe('pending');
  });

  it('when Stripe cannot say, a cancel leaves the payment open (the webhook settles it)', async () => {
    const { payment } = await cardTopUp('10.00');
    // A session Stripe does not know answers 404: the outcome is unknown, so nothing is closed.
    db.update(payments).set({ providerReference: 'cs_test_unknown' }).where(eq(payments.id, payment.id)).run();
    await comeBack(`payment=${payment.reference}&canceled=1`);
    expect(findPayment(payment.id)?.state).toBe('pending');
  });
});

describe('the return page sends the browser to APP_URL, never to the address the request reached', () => {
  it('return redirect uses APP_URL', async () => {
    const { shopper, payment, sessionId } = await cardTopUp('12.34');
    stripe.standIn.payFor(sessionId);
    expect(await comeBack(`payment=${payment.reference}&session_id=${sessionId}`)).toBe(`${shop}/payments/${payment.reference}`);
    expect(balanceOf(shopper.id).available).toBe(1_234);

    expect(await comeBack('payment=P-NOT-MINE')).toBe(`${shop}/my/wallet`);

    fakeRequest.viewer = null;
    const signInUrl = new URL(String(await comeBack(`payment=${payment.reference}&canceled=1`)));
    expect(signInUrl.origin + signInUrl.pathname).toBe(`${shop}/sign-in`);
    expect(signInUrl.searchParams.get('callbackUrl')).toBe(`/payments/stripe/return?payment=${payment.reference}&canceled=1`);
  });
});

describe('the proxy sends a visitor to sign in at APP_URL', () => {
  it('a visitor asking for a payment page at localhost is sent to APP_URL/sign-in', () => {
    const response = proxy(new NextRequest('http://localhost:3000/payments/P1?x=1'));
    const location = new URL(String(response.headers.get('location')));
    expect(location.origin + location.pathname).toBe(`${shop}/sign-in`);
    expect(location.searchParams.get('callbackUrl')).toBe('/payments/P1?x=1');
  });
});
