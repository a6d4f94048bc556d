import crypto from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeStandIn, type StripeStandIn } from '@/test/stripe-stand-in';
import { insertTestUser } from '@/test/helpers/users';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { startTopUp } from '@/lib/wallet/top-ups';
import { findPayment } from './records';
import { handleStripeWebhook, syncCheckoutSession } from './stripe';

const webhookSecret = 'whsec_test_coffer';
let standIn: StripeStandIn;
// The SDK's own signing helper, as Stripe signs real deliveries.
const signer = new Stripe('sk_test_signer');

function signed(event: Stripe.Event, secret = webhookSecret) {
  const payload = JSON.stringify(event);
  return { payload, header: signer.webhooks.generateTestHeaderString({ payload, secret }) };
}

async function deliver(event: Stripe.Event, secret = webhookSecret) {
  const { payload, header } = signed(event, secret);
  return handleStripeWebhook(payload, header);
}

const balanceOf = (userId: number) => getBalance({ wallet: userId, currency: 'USD' });

async function startCardTopUp(amount = '339.50') {
  const shopper = insertTestUser();
  const started = await startTopUp(shopper, { amount, method: 'card', attemptKey: crypto.randomUUID() });
  if (started.status !== 'redirect') throw new Error('expected a redirect to Stripe Checkout');
  const payment = findPayment(started.payment.id);
  if (!payment?.providerReference) throw new Error('the Checkout Session id was not recorded');
  return { shopper, started, payment, sessionId: payment.providerReference };
}

beforeAll(async () => {
  standIn = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = 'sk_test_coffer';
  process.env.STRIPE_WEBHOOK_SECRET = webhookSecret;
  process.env.STRIPE_API_URL = standIn.url;
});

afterAll(async () => {
  await standIn.close();
});

describe('Stripe Checkout top-up', () => {
  it('opens a Checkout Session for the exact amount in minor units and redirects to it', async () => {
    const { started, sessionId, payment } = await startCardTopUp('339.50');
    const session = standIn.sessions.get(sessionId);
    expect(started.url).toBe(`${standIn.url}/pay/${sessionId}`);
    expect(session).toMatchObject({
      mode: 'payment',
      amount_total: 33950,
      currency: 'usd',
      client_reference_id: payment.reference,
      metadata: { payment_reference: payment.reference, purpose: 'top_up' },
    });
    const create = standIn.requests.find((r) => r.method === 'POST' && r.idempotencyKey === `checkout-session:${payment.reference}`);
    expect(create).toBeDefined();
  });

  it('reuses the same session when the same attempt is retried', async () => {
    const shopper = insertTestUser();
    const attemptKey = crypto.randomUUID();
    const first = await startTopUp(shopper, { amount: '20', method: 'card', attemptKey });
    const second = await startTopUp(shopper, { amount: '20', method: 'card', attemptKey });
    expect(first.status === 'redirect' && second.status === 'redirect').toBe(true);
    if (first.status === 'redirect' && second.status === 'redirect') expect(second.url).toBe(first.url);
  });

  it('credits the wallet once from a signed checkout.session.completed, and a replay changes nothing', async () => {
    const { shopper, sessionId, payment } = await startCardTopUp('339.50');
    const paid = standIn.payFor(sessionId);
    const event = standIn.eventFor('checkout.session.completed', paid);

    expect(await deliver(event)).toEqual({ status: 200, message: 'OK' });
    expect(balanceOf(shopper.id).available).toBe(33950);
    expect(findPayment(payment.id)?.state).toBe('done');

    expect(await deliver(event)).toEqual({ status: 200, message: 'Already handled.' });
    // A different event about the same session (Stripe may send both) is applied once too.
    expect((await deliver(standIn.eventFor('checkout.session.async_payment_succeeded', paid))).status).toBe(200);
    expect(balanceOf(shopper.id).available).toBe(33950);
    expect(verifyLedger().ok).toBe(true);
  });

  it('credits once when the webhook and the return page race', async () => {
    const { shopper, sessionId } = await startCardTopUp('50.00');
    const paid = standIn.payFor(sessionId);
    await Promise.all([
      deliver(standIn.eventFor('checkout.session.completed', paid)),
      syncCheckoutSession(sessionId),
      syncCheckoutSession(sessionId),
      deliver(standIn.eventFor('checkout.session.completed', paid)),
    ]);
    expect(balanceOf(shopper.id).available).toBe(5000);
    expect(verifyLedger().ok).toBe(true);
  });

  it('refuses a bad signature with 400 and changes nothing', async () => {
    const { shopper, sessionId, payment } = await startCardTopUp('10.00');
    const event = standIn.eventFor('checkout.session.completed', standIn.payFor(sessionId));
    expect(await deliver(event, 'whsec_wrong')).toEqual({ status: 400, message: 'Invalid signature.' });
    const { payload } = signed(event);
    expect(await handleStripeWebhook(payload, null)).toEqual({ status: 400, message: 'Invalid signature.' });
    expect(await handleStripeWebhook(payload.replace('10', '99'), signed(event).header)).toMatchObject({ status: 400 });
    expect(balanceOf(shopper.id).available).toBe(0);
    expect(findPayment(payment.id)?.state).toBe('pending');
  });

  it('trusts Stripe, not the payload: an unpaid session claimed as paid credits nothing', async () => {
    const { shopper, sessionId, payment } = await startCardTopUp('10.00');
    const claimed = { ...standIn.sessions.get(sessionId), status: 'complete', payment_status: 'paid' };
    expect((await deliver(standIn.eventFor('checkout.session.completed', claimed))).status).toBe(200);
    expect(balanceOf(shopper.id).available).toBe(0);
    expect(findPayment(payment.id)?.state).toBe('pending');
  });

  it('marks an expired session cancelled; an event claiming it paid afterwards credits nothing', async () => {
    const { shopper, sessionId, payment } = await startCardTopUp('10.00');
    const expired = standIn.expire(sessionId);
    await deliver(standIn.eventFor('checkout.session.expired', expired));
    expect(findPayment(payment.id)?.state).toBe('canceled');
    const claimed = { ...expired, status: 'complete', payment_status: 'paid' };
    expect((await deliver(standIn.eventFor('checkout.session.completed', claimed))).status).toBe(200);
    expect((await syncCheckoutSession(sessionId))?.state).toBe('canceled');
    expect(balanceOf(shopper.id).available).toBe(0);
  });

  it('the return page credits on its own when no webhook arrives', async () => {
    const { shopper, sessionId, payment } = await startCardTopUp('12.34');
    expect((await syncCheckoutSession(sessionId))?.state).toBe('pending');
    standIn.payFor(sessionId);
    expect((await syncCheckoutSession(sessionId))?.state).toBe('done');
    expect(balanceOf(shopper.id).available).toBe(1234);
    expect(findPayment(payment.id)?.amount).toBe(1234);
  });
});
