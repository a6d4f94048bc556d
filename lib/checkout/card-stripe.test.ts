import crypto from 'node:crypto';
import Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { ledgerTransfers, orders } from '@/db/schema';
import { verifyLedger } from '@/lib/ledger';
import { findPayment } from '@/lib/payments/records';
import { handleStripeWebhook, syncCheckoutSession } from '@/lib/payments/stripe';
import { fillTestCart, insertTestProduct } from '@/test/helpers/checkout';
import { useStripeStandIn } from '@/test/helpers/stripe';
import { insertTestUser } from '@/test/helpers/users';
import { placeOrder } from './place-order';

const db = getDatabase();
const stripe = useStripeStandIn('whsec_test_coffer_orders');

async function deliver(event: Stripe.Event) {
  const { payload, header } = stripe.sign(event);
  return handleStripeWebhook(db, payload, header);
}

describe('paying an order by card through Stripe Checkout', () => {
  it('opens a session for the order total and marks the order paid once, whichever of webhook and return page comes first', async () => {
    const { standIn } = stripe;
    const shopper = await insertTestUser(db);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 12_900), quantity: 2 }]);
    const checkoutKey = crypto.randomUUID();
    const placed = await placeOrder(db, shopper, { method: 'card', checkoutKey });
    const payment = await findPayment(db.read, placed.payment.id);
    const sessionId = payment?.providerReference ?? '';
    expect(payment?.provider).toBe('stripe');
    expect(placed.next).toBe(`${standIn.url}/pay/${sessionId}`);
    expect(standIn.sessions.get(sessionId)).toMatchObject({ amount_total: 25_800, metadata: { purpose: 'order' } });
    // A retried "Pay Now" reopens the same session.
    expect((await placeOrder(db, shopper, { method: 'card', checkoutKey })).next).toBe(placed.next);

    const paid = standIn.payFor(sessionId);
    const outcomes = await Promise.all([
      deliver(standIn.eventFor('checkout.session.completed', paid)),
      syncCheckoutSession(db, sessionId),
      deliver(standIn.eventFor('checkout.session.completed', paid)),
    ]);
    expect([outcomes[0], outcomes[2]]).toEqual([expect.objectContaining({ status: 200 }), expect.objectContaining({ status: 200 })]);
    expect((await db.read.select().from(orders).where(eq(orders.id, placed.order.id)))[0]?.state).toBe('paid');
    const transfers = await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.orderId, placed.order.id));
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ kind: 'payment', amount: 25_800 });
    expect((await findPayment(db.read, placed.payment.id))?.state).toBe('done');
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
