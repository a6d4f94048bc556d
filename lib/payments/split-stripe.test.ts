// Wallet and Card through Stripe Checkout (a local stand-in answering with Stripe's own objects).
import crypto from 'node:crypto';
import Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { ledgerTransfers, orders, payments } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/lib/checkout/test-helpers';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { startStripeStandIn, type StripeStandIn } from '@/test/stripe-stand-in';
import { insertTestUser } from '@/test/helpers/users';
import { handleStripeWebhook, syncCheckoutSession } from './stripe';

const webhookSecret = 'whsec_test_coffer_split';
const signer = new Stripe('sk_test_signer');
let standIn: StripeStandIn;

async function deliver(event: Stripe.Event) {
  const payload = JSON.stringify(event);
  return handleStripeWebhook(payload, signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }));
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

async function splitThroughStripe() {
  const shopper = insertTestUser();
  fundTestWallet(shopper.id, 10_000);
  fillTestCart(shopper.id, [{ product: insertTestProduct(15_000), quantity: 1 }]);
  const placed = await placeOrder(shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  const sessionId = db.select().from(payments).where(eq(payments.id, placed.payment.id)).get()?.providerReference ?? '';
  return { shopper, placed, sessionId };
}

const partsOf = (orderId: number) => db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(payments.id).all();

describe('Wallet and Card with Stripe Checkout', () => {
  it('opens a session for the remainder only; webhook and return page racing capture the hold once', async () => {
    const { shopper, placed, sessionId } = await splitThroughStripe();
    expect(placed.next).toBe(`${standIn.url}/pay/${sessionId}`);
    expect(standIn.sessions.get(sessionId)).toMatchObject({ amount_total: 5_000 });

    const paid = standIn.payFor(sessionId);
    await Promise.all([
      deliver(standIn.eventFor('checkout.session.completed', paid)),
      syncCheckoutSession(sessionId),
      deliver(standIn.eventFor('checkout.session.completed', paid)),
    ]);
    expect(db.select().from(orders).where(eq(orders.id, placed.order.id)).get()?.state).toBe('paid');
    expect(partsOf(placed.order.id).map((p) => [p.provider, p.state, p.amount])).toEqual([
      ['wallet', 'done', 10_000],
      ['stripe', 'done', 5_000],
    ]);
    const transfers = db.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, placed.order.id)).all();
    expect(transfers.map((t) => [t.state, t.amount]).sort()).toEqual([
      ['posted', 10_000],
      ['posted', 5_000],
    ]);
    expect(getBalance({ wallet: shopper.id, currency: 'USD' })).toMatchObject({ available: 0, held: 0, posted: 0 });
    expect(verifyLedger().ok).toBe(true);
  });

  it('an expired Stripe page (webhook) releases the hold, once', async () => {
    const { shopper, placed, sessionId } = await splitThroughStripe();
    const expired = standIn.expire(sessionId);
    await deliver(standIn.eventFor('checkout.session.expired', expired));
    await syncCheckoutSession(sessionId);
    expect(partsOf(placed.order.id).map((p) => [p.provider, p.state])).toEqual([
      ['wallet', 'canceled'],
      ['stripe', 'canceled'],
    ]);
    expect(db.select().from(orders).where(eq(orders.id, placed.order.id)).get()?.state).toBe('confirmed');
    expect(getBalance({ wallet: shopper.id, currency: 'USD' })).toMatchObject({ available: 10_000, held: 0 });
    expect(db.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, placed.order.id)).get()?.state).toBe('voided');
    expect(verifyLedger().ok).toBe(true);
  });
});

describe('a Stripe split whose hold expired', () => {
  it('voids the hold but leaves the Stripe page payable: a late payment reaches the wallet, and paying again charges the full total', async () => {
    const { payOrderByCard } = await import('@/lib/checkout');
    const { sweepExpiredHolds } = await import('./split-holds');
    const { shopper, placed, sessionId } = await splitThroughStripe();
    const [hold] = partsOf(placed.order.id);
    if (!hold) throw new Error('A split has a wallet part.');
    sweepExpiredHolds(new Date(hold.createdAt.getTime() + 31 * 60_000));
    expect(partsOf(placed.order.id).map((p) => [p.provider, p.state])).toEqual([
      ['wallet', 'canceled'],
      ['stripe', 'pending'],
    ]);
    expect(getBalance({ wallet: shopper.id, currency: 'USD' })).toMatchObject({ available: 10_000, held: 0 });

    // Paying the order again opens a payment of the full total, not the stale remainder.
    await payOrderByCard(shopper, placed.order.number, crypto.randomUUID());
    const parts = partsOf(placed.order.id);
    expect(parts.map((p) => [p.provider, p.state, p.amount])).toEqual([
      ['wallet', 'canceled', 10_000],
      ['stripe', 'pending', 5_000],
      ['stripe', 'pending', 15_000],
    ]);

    // The old Stripe page is paid after all: the 50.00 is kept in the wallet, the order still waits.
    const paid = standIn.payFor(sessionId);
    await deliver(standIn.eventFor('checkout.session.completed', paid));
    expect(db.select().from(orders).where(eq(orders.id, placed.order.id)).get()?.state).toBe('confirmed');
    expect(getBalance({ wallet: shopper.id, currency: 'USD' })).toMatchObject({ available: 15_000, held: 0 });
    expect(verifyLedger().ok).toBe(true);
  });
});
