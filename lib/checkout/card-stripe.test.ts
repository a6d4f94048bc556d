import crypto from 'node:crypto';
import Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { ledgerTransfers, orders } from '@/db/schema';
import { startStripeStandIn, type StripeStandIn } from '@/test/stripe-stand-in';
import { insertTestUser } from '@/test/helpers/users';
import { verifyLedger } from '@/lib/ledger';
import { findPayment } from '@/lib/payments/records';
import { handleStripeWebhook, syncCheckoutSession } from '@/lib/payments/stripe';
import { placeOrder } from './place-order';
import { fillTestCart, insertTestProduct } from './test-helpers';

const webhookSecret = 'whsec_test_coffer_orders';
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

describe('paying an order by card through Stripe Checkout', () => {
  it('opens a session for the order total and marks the order paid once, whichever of webhook and return page comes first', async () => {
    const shopper = insertTestUser();
    fillTestCart(shopper.id, [{ product: insertTestProduct(12_900), quantity: 2 }]);
    const checkoutKey = crypto.randomUUID();
    const placed = await placeOrder(shopper, { method: 'card', checkoutKey });
    const payment = findPayment(placed.payment.id);
    const sessionId = payment?.providerReference ?? '';
    expect(payment?.provider).toBe('stripe');
    expect(placed.next).toBe(`${standIn.url}/pay/${sessionId}`);
    expect(standIn.sessions.get(sessionId)).toMatchObject({ amount_total: 25_800, metadata: { purpose: 'order' } });
    // A retried "Pay Now" reopens the same session.
    expect((await placeOrder(shopper, { method: 'card', checkoutKey })).next).toBe(placed.next);

    const paid = standIn.payFor(sessionId);
    await Promise.all([
      deliver(standIn.eventFor('checkout.session.completed', paid)),
      syncCheckoutSession(sessionId),
      deliver(standIn.eventFor('checkout.session.completed', paid)),
    ]);
    expect(db.select().from(orders).where(eq(orders.id, placed.order.id)).get()?.state).toBe('paid');
    const transfers = db.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, placed.order.id)).all();
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ kind: 'payment', amount: 25_800 });
    expect(findPayment(placed.payment.id)?.state).toBe('done');
    expect(verifyLedger().ok).toBe(true);
  });
});
