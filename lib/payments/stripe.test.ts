import crypto from 'node:crypto';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { startTopUp } from '@/lib/wallet/top-ups';
import { useStripeStandIn } from '@/test/helpers/stripe';
import { insertTestUser } from '@/test/helpers/users';
import { findPayment as findPaymentIn } from './records';
import { handleStripeWebhook, syncCheckoutSession as syncCheckoutSessionIn } from './stripe';

const db = getDatabase();
const webhookSecret = 'whsec_test_coffer';
const stripe = useStripeStandIn(webhookSecret);
// The SDK's own signing helper, as Stripe signs real deliveries (any secret: the wrong-secret case too).
const signer = new Stripe('sk_test_signer');

function signed(event: Stripe.Event, secret = webhookSecret) {
  const payload = JSON.stringify(event);
  return { payload, header: signer.webhooks.generateTestHeaderString({ payload, secret }) };
}

async function deliver(event: Stripe.Event, secret = webhookSecret) {
  const { payload, header } = signed(event, secret);
  return handleStripeWebhook(db, payload, header);
}

const balanceOf = (userId: number) => getBalance(db.read, { wallet: userId, currency: 'USD' });
const findPayment = (id: number) => findPaymentIn(db.read, id);
const syncCheckoutSession = (sessionId: string) => syncCheckoutSessionIn(db, sessionId);

async function startCardTopUp(amount = '339.50') {
  const shopper = await insertTestUser(db);
  const started = await startTopUp(db, shopper, { amount, method: 'card', attemptKey: crypto.randomUUID() });
  if (started.status !== 'redirect') throw new Error('expected a redirect to Stripe Checkout');
  const payment = await findPayment(started.payment.id);
  if (!payment?.providerReference) throw new Error('the Checkout Session id was not recorded');
  return { shopper, started, payment, sessionId: payment.providerReference };
}

describe('Stripe Checkout top-up', () => {
  it('opens a Checkout Session for the exact amount in minor units and redirects to it', async () => {
    const { started, sessionId, payment } = await startCardTopUp('339.50');
    const session = stripe.standIn.sessions.get(sessionId);
    expect(started.url).toBe(`${stripe.standIn.url}/pay/${sessionId}`);
    expect(session).toMatchObject({
      mode: 'payment',
      amount_total: 33950,
      currency: 'usd',
      client_reference_id: payment.reference,
      metadata: { payment_reference: payment.reference, purpose: 'top_up' },
    });
    const create = stripe.standIn.requests.find((r) => r.method === 'POST' && r.idempotencyKey === `checkout-session:${payment.reference}`);
    expect(create).toBeDefined();
  });

  it('reuses the same session when the same attempt is retried', async () => {
    const shopper = await insertTestUser(db);
    const attemptKey = crypto.randomUUID();
    const first = await startTopUp(db, shopper, { amount: '20', method: 'card', attemptKey });
    const second = await startTopUp(db, shopper, { amount: '20', method: 'card', attemptKey });
    expect(first.status === 'redirect' && second.status === 'redirect').toBe(true);
    if (first.status === 'redirect' && second.status === 'redirect') expect(second.url).toBe(first.url);
  });

  it('credits the wallet once from a signed checkout.session.completed, and a replay changes nothing', async () => {
    const { shopper, sessionId, payment } = await startCardTopUp('339.50');
    const paid = stripe.standIn.payFor(sessionId);
    const event = stripe.standIn.eventFor('checkout.session.completed', paid);

    expect(await deliver(event)).toEqual({ status: 200, message: 'OK' });
    expect((await balanceOf(shopper.id)).available).toBe(33950);
    expect((await findPayment(payment.id))?.state).toBe('done');

    expect(await deliver(event)).toEqual({ status: 200, message: 'Already handled.' });
    // A different event about the same session (Stripe may send both) is applied once too.
    expect((await deliver(stripe.standIn.eventFor('checkout.session.async_payment_succeeded', paid))).status).toBe(200);
    expect((await balanceOf(shopper.id)).available).toBe(33950);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('credits once when the webhook and a session sync (Check now, the reconcile job) race', async () => {
    const { shopper, sessionId } = await startCardTopUp('50.00');
    const paid = stripe.standIn.payFor(sessionId);
    await Promise.all([
      deliver(stripe.standIn.eventFor('checkout.session.completed', paid)),
      syncCheckoutSession(sessionId),
      syncCheckoutSession(sessionId),
      deliver(stripe.standIn.eventFor('checkout.session.completed', paid)),
    ]);
    expect((await balanceOf(shopper.id)).available).toBe(5000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refuses a bad signature with 400 and changes nothing', async () => {
    const { shopper, sessionId, payment } = await startCardTopUp('10.00');
    const event = stripe.standIn.eventFor('checkout.session.completed', stripe.standIn.payFor(sessionId));
    expect(await deliver(event, 'whsec_wrong')).toEqual({ status: 400, message: 'Invalid signature.' });
    const { payload } = signed(event);
    expect(await handleStripeWebhook(db, payload, null)).toEqual({ status: 400, message: 'Invalid signature.' });
    expect(await handleStripeWebhook(db, payload.replace('10', '99'), signed(event).header)).toMatchObject({ status: 400 });
    expect((await balanceOf(shopper.id)).available).toBe(0);
    expect((await findPayment(payment.id))?.state).toBe('pending');
  });

  it('trusts Stripe, not the payload: an unpaid session claimed as paid credits nothing', async () => {
    const { shopper, sessionId, payment } = await startCardTopUp('10.00');
    const claimed = { ...stripe.standIn.sessions.get(sessionId), status: 'complete', payment_status: 'paid' };
    expect((await deliver(stripe.standIn.eventFor('checkout.session.completed', claimed))).status).toBe(200);
    expect((await balanceOf(shopper.id)).available).toBe(0);
    expect((await findPayment(payment.id))?.state).toBe('pending');
  });

  it('marks an expired session cancelled; an event claiming it paid afterwards credits nothing', async () => {
    const { shopper, sessionId, payment } = await startCardTopUp('10.00');
    const expired = stripe.standIn.expire(sessionId);
    await deliver(stripe.standIn.eventFor('checkout.session.expired', expired));
    expect((await findPayment(payment.id))?.state).toBe('canceled');
    const claimed = { ...expired, status: 'complete', payment_status: 'paid' };
    expect((await deliver(stripe.standIn.eventFor('checkout.session.completed', claimed))).status).toBe(200);
    expect((await syncCheckoutSession(sessionId))?.state).toBe('canceled');
    expect((await balanceOf(shopper.id)).available).toBe(0);
  });

  it('a session sync (Check now, the reconcile job) credits on its own when no webhook arrives', async () => {
    const { shopper, sessionId, payment } = await startCardTopUp('12.34');
    expect((await syncCheckoutSession(sessionId))?.state).toBe('pending');
    stripe.standIn.payFor(sessionId);
    expect((await syncCheckoutSession(sessionId))?.state).toBe('done');
    expect((await balanceOf(shopper.id)).available).toBe(1234);
    expect((await findPayment(payment.id))?.amount).toBe(1234);
  });
});
