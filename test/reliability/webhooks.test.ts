import crypto from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { getDatabase } from '@/db';
import { ledgerTransfers } from '@/db/schema';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { findPayment } from '@/lib/payments/records';
import { handleStripeWebhook } from '@/lib/payments/stripe';
import { startTopUp } from '@/lib/wallet/top-ups';
import { insertTestUser } from '@/test/helpers/users';
import { startStripeStandIn, type StripeStandIn } from '@/test/stripe-stand-in';

// Stripe delivers at least once, in any order: each checkout.session.completed arrives 2-3 times,
// shuffled by a seeded PRNG, among forged deliveries that must be refused without effect.

const db = getDatabase();
const webhookSecret = 'whsec_test_coffer_reliability';
const signer = new Stripe('sk_test_signer');
let standIn: StripeStandIn;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = 'sk_test_coffer';
  process.env.STRIPE_WEBHOOK_SECRET = webhookSecret;
  process.env.STRIPE_API_URL = standIn.url;
});

afterAll(async () => {
  await standIn.close();
});

/** mulberry32: a small seeded PRNG, so every run shuffles the same way. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  return shuffled;
}

type Delivery = { payload: string; header: string; genuine: boolean; eventId: string };

function genuine(event: Stripe.Event): Delivery {
  const payload = JSON.stringify(event);
  return { payload, header: signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }), genuine: true, eventId: event.id };
}

/** Three kinds of forgery: signed with another secret, a signed payload altered after signing, no valid header. */
function forged(event: Stripe.Event, kind: number): Delivery {
  const payload = JSON.stringify(event);
  if (kind === 0) return { payload, header: signer.webhooks.generateTestHeaderString({ payload, secret: 'whsec_forger' }), genuine: false, eventId: event.id };
  if (kind === 1) {
    const header = signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    return { payload: payload.replace('"checkout.session.completed"', '"checkout.session.completed" '), header, genuine: false, eventId: event.id };
  }
  return { payload, header: 't=1,v1=00', genuine: false, eventId: event.id };
}

async function startCardTopUp(amount: string) {
  const shopper = await insertTestUser(db);
  const started = await startTopUp(db, shopper, { amount, method: 'card', attemptKey: crypto.randomUUID() });
  if (started.status !== 'redirect') throw new Error('expected a redirect to Stripe Checkout');
  const payment = await findPayment(db.read, started.payment.id);
  if (!payment?.providerReference) throw new Error('the Checkout Session id was not recorded');
  return { shopper, payment, sessionId: payment.providerReference };
}

async function depositsFor(paymentId: number): Promise<number> {
  const [row] = await db.read.select({ n: count() }).from(ledgerTransfers).where(eq(ledgerTransfers.paymentId, paymentId));
  return row?.n ?? 0;
}

async function setUp(count: number, random: () => number) {
  const paid = [];
  for (let i = 0; i < count; i++) {
    const topUp = await startCardTopUp(`${10 + i}.25`);
    const session = standIn.payFor(topUp.sessionId);
    paid.push({ ...topUp, amount: (10 + i) * 100 + 25, event: standIn.eventFor('checkout.session.completed', session) });
  }
  // Top-ups nobody paid for: only forged events ever claim they completed.
  const unpaid = [];
  for (let i = 0; i < 3; i++) {
    const topUp = await startCardTopUp('50.00');
    unpaid.push({ ...topUp, event: standIn.eventFor('checkout.session.completed', { ...standIn.sessions.get(topUp.sessionId), status: 'complete', payment_status: 'paid' }) });
  }
  const deliveries: Delivery[] = [];
  for (const topUp of paid) {
    const times = 2 + Math.floor(random() * 2);
    for (let n = 0; n < times; n++) deliveries.push(genuine(topUp.event));
    deliveries.push(forged(topUp.event, Math.floor(random() * 3)));
  }
  for (const [index, topUp] of unpaid.entries()) deliveries.push(forged(topUp.event, index % 3));
  return { paid, unpaid, deliveries: shuffle(deliveries, random) };
}

async function expectSettled(paid: { shopper: { id: number }; payment: { id: number }; amount: number }[], unpaid: { shopper: { id: number }; payment: { id: number } }[]) {
  for (const topUp of paid) {
    expect((await findPayment(db.read, topUp.payment.id))?.state).toBe('done');
    expect(await depositsFor(topUp.payment.id)).toBe(1);
    expect(await getBalance(db.read, { wallet: topUp.shopper.id, currency: 'USD' })).toMatchObject({ available: topUp.amount, posted: topUp.amount, held: 0, pendingIncoming: 0 });
  }
  for (const topUp of unpaid) {
    expect((await findPayment(db.read, topUp.payment.id))?.state).toBe('pending');
    expect(await depositsFor(topUp.payment.id)).toBe(0);
    expect((await getBalance(db.read, { wallet: topUp.shopper.id, currency: 'USD' })).posted).toBe(0);
  }
  expect((await verifyLedger(db.read)).ok).toBe(true);
}

describe('Stripe webhooks redelivered, shuffled and forged', () => {
  it('one after another: each top-up is credited once by its first genuine delivery; forgeries get 400', async () => {
    const { paid, unpaid, deliveries } = await setUp(12, seededRandom(20261123));
    const firstSeen = new Set<string>();
    for (const delivery of deliveries) {
      const outcome = await handleStripeWebhook(db, delivery.payload, delivery.header);
      if (!delivery.genuine) {
        expect(outcome).toEqual({ status: 400, message: 'Invalid signature.' });
      } else {
        expect(outcome).toEqual({ status: 200, message: firstSeen.has(delivery.eventId) ? 'Already handled.' : 'OK' });
        firstSeen.add(delivery.eventId);
      }
    }
    expect(firstSeen.size).toBe(paid.length);
    await expectSettled(paid, unpaid);
  });

  it('all at once: the same deliveries in parallel still credit each top-up exactly once', async () => {
    const { paid, unpaid, deliveries } = await setUp(12, seededRandom(7));
    const outcomes = await Promise.all(deliveries.map((delivery) => handleStripeWebhook(db, delivery.payload, delivery.header)));
    for (const [index, delivery] of deliveries.entries()) {
      if (delivery.genuine) expect(outcomes[index]?.status).toBe(200);
      else expect(outcomes[index]).toEqual({ status: 400, message: 'Invalid signature.' });
    }
    await expectSettled(paid, unpaid);

    // A second, distinct event for a session already credited (Stripe may send one) changes nothing.
    const again = paid.slice(0, 3).map((topUp) => genuine(standIn.eventFor('checkout.session.completed', standIn.sessions.get(topUp.sessionId) ?? {})));
    for (const delivery of again) expect((await handleStripeWebhook(db, delivery.payload, delivery.header)).status).toBe(200);
    await expectSettled(paid, unpaid);
  });
});
