// Refund to original payment methods with the card part paid through Stripe Checkout (a local
// stand-in answering POST /v1/refunds with Stripe's own objects). Its own file: the app's
// configuration is read once per test file, and here Stripe must be on from the start.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { orders, payments } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/lib/checkout/test-helpers';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { handleStripeWebhook } from '@/lib/payments/stripe';
import { startStripeStandIn, type StripeStandIn } from '@/test/stripe-stand-in';
import { insertTestUser } from '@/test/helpers/users';
import { listOrderRefunds, listRefunds } from './list';
import { cardRefundableOf, refundOrderToSources } from './to-sources';

const wallet = (userId: number) => getBalance({ wallet: userId, currency: 'USD' });
const orderRow = (id: number) => db.select().from(orders).where(eq(orders.id, id)).get();

async function paidSplitOrder() {
  const shopper = insertTestUser();
  const staff = insertTestUser('staff');
  fundTestWallet(shopper.id, 10_000);
  fillTestCart(shopper.id, [{ product: insertTestProduct(15_000), quantity: 1 }]);
  const placed = await placeOrder(shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  return { shopper, staff, placed };
}

function refund(orderId: number, staffId: number, amount: number) {
  return refundOrderToSources({ orderId, staffId, amount, reason: 'Returned', attemptKey: crypto.randomUUID() });
}

describe('refundOrderToSources (Wallet and Stripe card)', () => {
  const webhookSecret = 'whsec_test_coffer_refund_sources';
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

  async function paidStripeSplitOrder() {
    const split = await paidSplitOrder();
    const sessionId = db.select().from(payments).where(eq(payments.id, split.placed.payment.id)).get()?.providerReference ?? '';
    const paid = standIn.payFor(sessionId);
    const payload = JSON.stringify(standIn.eventFor('checkout.session.completed', paid));
    await handleStripeWebhook(payload, signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }));
    expect(orderRow(split.placed.order.id)?.state).toBe('paid');
    return split;
  }

  it('refunds the card part through the Stripe Refund API with an idempotency key', async () => {
    const { shopper, staff, placed } = await paidStripeSplitOrder();
    const result = await refund(placed.order.id, staff.id, 15_000);
    expect(result.status).toBe('refunded');
    if (result.status !== 'refunded') return;
    const [card] = result.cards;
    expect(card?.transfer).toMatchObject({ amount: 5_000, state: 'posted' });
    const calls = standIn.requests.filter((r) => r.path === '/v1/refunds');
    expect(calls).toEqual([expect.objectContaining({ idempotencyKey: `order-refund:${card?.transfer.id}` })]);
    expect([...standIn.refunds.values()].map((r) => r.amount)).toContain(5_000);
    expect(wallet(shopper.id).available).toBe(10_000);
    expect(verifyLedger().ok).toBe(true);
  });

  it('a card refund Stripe refuses is voided and no longer counts as refunded; the wallet part stands', async () => {
    const { shopper, staff, placed } = await paidStripeSplitOrder();
    standIn.refuseRefunds(true);
    try {
      const result = await refund(placed.order.id, staff.id, 15_000);
      expect(result.status).toBe('refunded');
      if (result.status !== 'refunded') return;
      expect(result.cards.map(({ transfer, message }) => [transfer.state, message])).toEqual([['voided', 'Stripe could not refund the card right now.']]);
    } finally {
      standIn.refuseRefunds(false);
    }
    expect(orderRow(placed.order.id)?.amountRefunded).toBe(10_000);
    expect(wallet(shopper.id).available).toBe(10_000);
    expect(cardRefundableOf(placed.order.id).map((c) => c.refundable)).toEqual([5_000]);
    expect(listOrderRefunds(placed.order.id).map((r) => [r.method, r.state]).sort()).toEqual([
      ['card', 'voided'],
      ['wallet', 'posted'],
    ]);
    expect(listRefunds({ q: placed.order.number }).rows.map((r) => r.method)).toEqual(['wallet']);
    const retry = await refund(placed.order.id, staff.id, 5_000);
    expect(retry).toMatchObject({ status: 'refunded', wallet: undefined, order: { amountRefunded: 15_000 } });
    expect(verifyLedger().ok).toBe(true);
  });
});
