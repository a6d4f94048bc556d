// The page Stripe Checkout sends the shopper back to, called as Next.js would call it, against the
// local Stripe stand-in, and the two buttons of the payment's page it leads to ("Check now" and
// "Cancel payment", POSTs in app/payments/[reference]/actions.ts). The GET moves no money; the
// buttons do. The request arrives at localhost (as under `next start`); the shop is elsewhere.
import crypto from 'node:crypto';
import type Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { orders, payments } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { findPayment } from '@/lib/payments/records';
import { reconcileProviderWork, SESSION_GRACE_MS } from '@/lib/payments/reconcile';
import { handleStripeWebhook } from '@/lib/payments/stripe';
import { stripeClient } from '@/lib/payments/stripe-client';
import { startTopUp } from '@/lib/wallet/top-ups';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';
import { useStripeStandIn } from '@/test/helpers/stripe';

vi.mock('../../../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));

const { GET } = await import('./route');
const { confirmCardPayment, cancelCardPayment } = await import('../../[reference]/actions');
const { proxy } = await import('@/proxy');

const shop = 'https://shop.example';
// Read once per process by appConfig(), before anything in this file asks for it.
process.env.APP_URL = shop;
const stripe = useStripeStandIn('whsec_test_coffer_return');
const db = getDatabase();

beforeEach(() => {
  fakeRequest.viewer = null;
});

function signIn(user: { id: number; name: string; email: string }, role: 'customer' | 'staff' = 'customer') {
  fakeRequest.viewer = { ...user, role };
}

/** Stripe's browser redirect as it reaches `next start`: at localhost, whatever the public host. */
async function comeBack(query: string): Promise<string | null> {
  const response = await GET(new NextRequest(`http://localhost:3000/payments/stripe/return?${query}`));
  return response.headers.get('location');
}

/** Submits a button of the payment's page (a server action); answers where it redirects. */
async function press(action: (formData: FormData) => Promise<void>, reference: string): Promise<string> {
  const formData = new FormData();
  formData.set('reference', reference);
  try {
    await action(formData);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('NEXT_REDIRECT;')) return message.slice('NEXT_REDIRECT;'.length);
    throw error;
  }
  throw new Error('expected the action to redirect');
}
const checkNow = (reference: string) => press(confirmCardPayment, reference);
const cancel = (reference: string) => press(cancelCardPayment, reference);

async function deliver(type: string, session: Stripe.Checkout.Session) {
  const { payload, header } = stripe.sign(stripe.standIn.eventFor(type, session));
  return handleStripeWebhook(db, payload, header);
}

const balanceOf = (userId: number) => getBalance(db.read, { wallet: userId, currency: 'USD' });
const stateOf = async (paymentId: number) => (await findPayment(db.read, paymentId))?.state;

async function cardTopUp(amount: string) {
  const shopper = await insertTestUser(db);
  const started = await startTopUp(db, shopper, { amount, method: 'card', attemptKey: crypto.randomUUID() });
  if (started.status !== 'redirect') throw new Error('expected a redirect to Stripe Checkout');
  const payment = await findPayment(db.read, started.payment.id);
  if (!payment?.providerReference) throw new Error('expected a Checkout Session');
  signIn(shopper);
  return { shopper, payment, sessionId: payment.providerReference };
}

async function walletAndCardOrder() {
  const shopper = await insertTestUser(db);
  await fundTestWallet(db, shopper.id, 10_000);
  await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 15_000), quantity: 1 }]);
  const placed = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  const card = await findPayment(db.read, placed.payment.id);
  if (!card?.providerReference) throw new Error('expected a Checkout Session');
  signIn(shopper);
  return { shopper, order: placed.order, card, sessionId: card.providerReference };
}

const partsOf = async (orderId: number) =>
  (await db.read.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(payments.id)).map((p) => [p.provider, p.state]);
const orderState = async (orderId: number) => (await db.read.select().from(orders).where(eq(orders.id, orderId)))[0]?.state;
const expireRequests = () => stripe.standIn.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/expire'));

describe('the return page moves no money (a GET anyone can make a browser follow)', () => {
  it('back from a paid Stripe page: the payment page, the payment still pending until Check now or the webhook', async () => {
    const { shopper, payment, sessionId } = await cardTopUp('41.00');
    stripe.standIn.payFor(sessionId);

    expect(await comeBack(`payment=${payment.reference}&session_id=${sessionId}`)).toBe(`${shop}/payments/${payment.reference}`);
    expect(await stateOf(payment.id)).toBe('pending');
    expect((await balanceOf(shopper.id)).available).toBe(0);
  });

  it("Stripe's cancel link leads to the payment page with ?left=1 and expires nothing", async () => {
    const { shopper, order, card, sessionId } = await walletAndCardOrder();
    const expiresBefore = expireRequests().length;

    expect(await comeBack(`payment=${card.reference}&canceled=1`)).toBe(`${shop}/payments/${card.reference}?left=1`);
    expect(expireRequests()).toHaveLength(expiresBefore);
    expect(stripe.standIn.sessions.get(sessionId)?.status).toBe('open');
    expect(await partsOf(order.id)).toEqual([
      ['wallet', 'authorized'],
      ['stripe', 'pending'],
    ]);
    expect(await balanceOf(shopper.id)).toMatchObject({ available: 0, held: 10_000 });
  });
});

describe('Check now on the payment page (a POST) asks Stripe and applies its answer once', () => {
  it('a top-up paid at Stripe is credited by Check now, and the webhook after it changes nothing', async () => {
    const { shopper, payment, sessionId } = await cardTopUp('18.25');
    expect(await checkNow(payment.reference)).toBe(`/payments/${payment.reference}`);
    expect(await stateOf(payment.id)).toBe('pending');

    const paid = stripe.standIn.payFor(sessionId);
    expect(await checkNow(payment.reference)).toBe(`/payments/${payment.reference}`);
    expect(await stateOf(payment.id)).toBe('done');
    expect((await balanceOf(shopper.id)).available).toBe(1_825);

    expect(await checkNow(payment.reference)).toBe(`/payments/${payment.reference}`);
    expect(await deliver('checkout.session.completed', paid)).toEqual({ status: 200, message: 'OK' });
    expect((await balanceOf(shopper.id)).available).toBe(1_825);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});

describe('cancel after paying at Stripe (a second tab, the back button): Cancel payment on the payment page', () => {
  it('a top-up paid at Stripe and then canceled is credited once', async () => {
    const { shopper, payment, sessionId } = await cardTopUp('339.50');
    const paid = stripe.standIn.payFor(sessionId);

    expect(await cancel(payment.reference)).toBe(`/payments/${payment.reference}`);
    expect(await stateOf(payment.id)).toBe('done');
    expect((await balanceOf(shopper.id)).available).toBe(33_950);

    expect(await deliver('checkout.session.completed', paid)).toEqual({ status: 200, message: 'OK' });
    expect((await balanceOf(shopper.id)).available).toBe(33_950);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('a Wallet and Card order paid at Stripe and then canceled is paid, its wallet hold captured', async () => {
    const { shopper, order, card, sessionId } = await walletAndCardOrder();
    const paid = stripe.standIn.payFor(sessionId);

    await cancel(card.reference);
    expect(await orderState(order.id)).toBe('paid');
    expect(await partsOf(order.id)).toEqual([
      ['wallet', 'done'],
      ['stripe', 'done'],
    ]);
    expect(await deliver('checkout.session.completed', paid)).toMatchObject({ status: 200 });
    expect(await balanceOf(shopper.id)).toMatchObject({ available: 0, held: 0 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('an open Stripe page is expired at Stripe before the payment is closed and the hold released', async () => {
    const { shopper, order, card, sessionId } = await walletAndCardOrder();

    await cancel(card.reference);
    expect(stripe.standIn.requests).toContainEqual(expect.objectContaining({ method: 'POST', path: `/v1/checkout/sessions/${sessionId}/expire` }));
    expect(stripe.standIn.sessions.get(sessionId)?.status).toBe('expired');
    expect(await partsOf(order.id)).toEqual([
      ['wallet', 'canceled'],
      ['stripe', 'canceled'],
    ]);
    expect(await orderState(order.id)).toBe('confirmed');
    expect(await balanceOf(shopper.id)).toMatchObject({ available: 10_000, held: 0 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('a page paid between the look-up and the expiry: Stripe refuses to expire it and the payment completes', async () => {
    const { shopper, payment } = await cardTopUp('20.00');
    const sessions = stripeClient().checkout.sessions;
    const expire = sessions.expire.bind(sessions);
    vi.spyOn(sessions, 'expire').mockImplementationOnce(async (id: string) => {
      stripe.standIn.payFor(id);
      return expire(id);
    });

    await cancel(payment.reference);
    expect(await stateOf(payment.id)).toBe('done');
    expect((await balanceOf(shopper.id)).available).toBe(2_000);
  });

  it('a page completed at Stripe whose bank debit is still settling stays open on cancel', async () => {
    const { payment, sessionId } = await cardTopUp('30.00');
    const session = stripe.standIn.sessions.get(sessionId);
    if (!session) throw new Error('expected the session at Stripe');
    stripe.standIn.sessions.set(sessionId, { ...session, status: 'complete', payment_status: 'unpaid' });

    await cancel(payment.reference);
    expect(await stateOf(payment.id)).toBe('pending');
  });

  it('when Stripe cannot say, a cancel leaves the payment open (the webhook settles it)', async () => {
    const { payment } = await cardTopUp('10.00');
    // A session Stripe does not know answers 404: the outcome is unknown, so nothing is closed.
    await db.write((tx) => tx.update(payments).set({ providerReference: 'cs_test_unknown' }).where(eq(payments.id, payment.id)));
    expect(await cancel(payment.reference)).toBe(`/payments/${payment.reference}`);
    expect(await stateOf(payment.id)).toBe('pending');
  });
});

describe('paid at Stripe, then left through its cancel link with no button pressed and no webhook', () => {
  const afterGrace = () => new Date(Date.now() + SESSION_GRACE_MS + 1_000);

  it('the reconcile job credits the top-up once; a late webhook changes nothing', async () => {
    const { shopper, payment, sessionId } = await cardTopUp('64.10');
    const paid = stripe.standIn.payFor(sessionId);
    expect(await comeBack(`payment=${payment.reference}&canceled=1`)).toBe(`${shop}/payments/${payment.reference}?left=1`);
    expect(await stateOf(payment.id)).toBe('pending');

    await Promise.all([reconcileProviderWork(db, afterGrace()), reconcileProviderWork(db, afterGrace())]);
    expect(await stateOf(payment.id)).toBe('done');
    expect((await balanceOf(shopper.id)).available).toBe(6_410);

    await reconcileProviderWork(db, afterGrace());
    expect(await deliver('checkout.session.completed', paid)).toEqual({ status: 200, message: 'OK' });
    expect((await balanceOf(shopper.id)).available).toBe(6_410);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('the reconcile job pays the Wallet and Card order and captures its hold once', async () => {
    const { shopper, order, card, sessionId } = await walletAndCardOrder();
    const paid = stripe.standIn.payFor(sessionId);
    await comeBack(`payment=${card.reference}&canceled=1`);
    expect(await partsOf(order.id)).toEqual([
      ['wallet', 'authorized'],
      ['stripe', 'pending'],
    ]);

    await Promise.all([reconcileProviderWork(db, afterGrace()), reconcileProviderWork(db, afterGrace())]);
    expect(await orderState(order.id)).toBe('paid');
    expect(await partsOf(order.id)).toEqual([
      ['wallet', 'done'],
      ['stripe', 'done'],
    ]);
    expect(await deliver('checkout.session.completed', paid)).toMatchObject({ status: 200 });
    expect(await cancel(card.reference)).toBe(`/payments/${card.reference}`);
    expect(await balanceOf(shopper.id)).toMatchObject({ available: 0, held: 0, posted: 0 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});

describe("the payment page's buttons for someone else's payment", () => {
  it('a visitor is sent to sign in; another shopper and staff back to their wallet; nothing touched', async () => {
    const { shopper, payment, sessionId } = await cardTopUp('15.00');
    stripe.standIn.payFor(sessionId);
    const other = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');

    fakeRequest.viewer = null;
    expect(await checkNow(payment.reference)).toBe('/sign-in');
    expect(await cancel(payment.reference)).toBe('/sign-in');
    for (const [user, role] of [
      [other, 'customer'],
      [staff, 'staff'],
    ] as const) {
      signIn(user, role);
      expect(await checkNow(payment.reference)).toBe('/my/wallet');
      expect(await cancel(payment.reference)).toBe('/my/wallet');
    }
    expect(await stateOf(payment.id)).toBe('pending');
    expect((await balanceOf(shopper.id)).available).toBe(0);

    signIn(shopper);
    expect(await checkNow(payment.reference)).toBe(`/payments/${payment.reference}`);
    expect(await stateOf(payment.id)).toBe('done');
  });
});

describe('the return page sends the browser to APP_URL, never to the address the request reached', () => {
  it('return redirect uses APP_URL', async () => {
    const { shopper, payment, sessionId } = await cardTopUp('12.34');
    stripe.standIn.payFor(sessionId);
    expect(await comeBack(`payment=${payment.reference}&session_id=${sessionId}`)).toBe(`${shop}/payments/${payment.reference}`);
    expect((await balanceOf(shopper.id)).available).toBe(0);

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
