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
import { getBalance, getTransfer, verifyLedger } from '@/lib/ledger';
import { cardRefundKey } from '@/lib/payments/card-refunds';
import { RECONCILE_GRACE_MS, reconcileProviderWork } from '@/lib/payments/reconcile';
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
      expect(result.cards.map(({ transfer, refusal }) => [transfer.state, refusal])).toEqual([['voided', 'charge_disputed']]);
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

  /** What Stripe refunded for this card share (found by the key kept in the refund's metadata). */
  const atStripe = (transferId: number, orderId: number) =>
    [...standIn.refunds.values()].filter((r) => r.metadata?.coffer_refund === cardRefundKey({ id: transferId, orderId }));
  const afterGrace = () => new Date(Date.now() + RECONCILE_GRACE_MS + 1_000);

  it('a lost Stripe answer leaves the card share waiting and counted, so staff cannot refund the card twice; the reconciler posts it once', async () => {
    const { shopper, staff, placed } = await paidStripeSplitOrder();
    standIn.failRefunds(3, { reply: 'error', afterRefund: true });
    const result = await refund(placed.order.id, staff.id, 15_000);
    if (result.status !== 'refunded') throw new Error(result.status);
    const [card] = result.cards;
    if (!card) throw new Error('no card share');
    expect([card.transfer.state, card.refusal]).toEqual(['pending', undefined]);
    expect(atStripe(card.transfer.id, placed.order.id)).toHaveLength(1);
    expect(orderRow(placed.order.id)?.amountRefunded).toBe(15_000);
    expect(cardRefundableOf(placed.order.id).map((c) => c.refundable)).toEqual([0]);
    expect(await refund(placed.order.id, staff.id, 5_000)).toMatchObject({ status: 'exceeds_refundable' });
    expect(listOrderRefunds(placed.order.id).map((r) => [r.method, r.state]).sort()).toEqual([
      ['card', 'pending'],
      ['wallet', 'posted'],
    ]);

    await reconcileProviderWork(afterGrace());
    expect(getTransfer(card.transfer.id)?.state).toBe('posted');
    expect(atStripe(card.transfer.id, placed.order.id)).toHaveLength(1);
    expect(orderRow(placed.order.id)?.amountRefunded).toBe(15_000);
    expect(wallet(shopper.id).available).toBe(10_000);
    expect(verifyLedger().ok).toBe(true);
  });

  it('the reconciler voids a waiting card share Stripe reports failed and takes it off the order, once', async () => {
    const { staff, placed } = await paidStripeSplitOrder();
    standIn.failRefunds(3, { reply: 'error', afterRefund: true });
    const result = await refund(placed.order.id, staff.id, 15_000);
    const card = result.status === 'refunded' ? result.cards[0] : undefined;
    const [made] = card ? atStripe(card.transfer.id, placed.order.id) : [];
    if (!card || !made) throw new Error('Stripe should have made the refund.');
    standIn.refunds.set(made.id, { ...made, status: 'failed' });

    await Promise.all([reconcileProviderWork(afterGrace()), reconcileProviderWork(afterGrace())]);
    expect(getTransfer(card.transfer.id)).toMatchObject({ state: 'voided', voidReason: 'refund_failed' });
    expect(orderRow(placed.order.id)?.amountRefunded).toBe(10_000);
    expect(cardRefundableOf(placed.order.id).map((c) => c.refundable)).toEqual([5_000]);
    expect(verifyLedger().ok).toBe(true);
  });
});
