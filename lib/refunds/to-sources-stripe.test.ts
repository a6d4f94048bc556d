// Refund to original payment methods with the card part paid through Stripe Checkout (a local
// stand-in answering POST /v1/refunds with Stripe's own objects). Its own file: the app's
// configuration is read once per test file, and here Stripe must be on from the start.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { orders, payments } from '@/db/schema';
import { placeOrder } from '@/lib/checkout';
import { getBalance, getTransfer, verifyLedger } from '@/lib/ledger';
import { cardRefundKey } from '@/lib/payments/card-refunds';
import { RECONCILE_GRACE_MS, reconcileProviderWork } from '@/lib/payments/reconcile';
import { handleStripeWebhook } from '@/lib/payments/stripe';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { useStripeStandIn } from '@/test/helpers/stripe';
import { insertTestUser } from '@/test/helpers/users';
import { listOrderRefunds, listRefunds } from './list';
import { cardRefundableOf, refundOrderToSources } from './to-sources';

const db = getDatabase();
const wallet = (userId: number) => getBalance(db.read, { wallet: userId, currency: 'USD' });
const orderRow = async (id: number) => (await db.read.select().from(orders).where(eq(orders.id, id)))[0];
const refundable = async (orderId: number) => (await cardRefundableOf(db.read, orderId)).map((c) => c.refundable);
const refundsOf = async (orderId: number) => (await listOrderRefunds(db.read, orderId)).map((r) => [r.method, r.state]).sort();
const ledgerOk = async () => (await verifyLedger(db.read)).ok;

async function paidSplitOrder() {
  const shopper = await insertTestUser(db);
  const staff = await insertTestUser(db, 'staff');
  await fundTestWallet(db, shopper.id, 10_000);
  await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 15_000), quantity: 1 }]);
  const placed = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  return { shopper, staff, placed };
}

function refund(orderId: number, staffId: number, amount: number) {
  return refundOrderToSources(db, { orderId, staffId, amount, reason: 'Returned', attemptKey: crypto.randomUUID() });
}

describe('refundOrderToSources (Wallet and Stripe card)', () => {
  const stripe = useStripeStandIn('whsec_test_coffer_refund_sources');

  async function paidStripeSplitOrder() {
    const split = await paidSplitOrder();
    const [card] = await db.read.select().from(payments).where(eq(payments.id, split.placed.payment.id));
    const paid = stripe.standIn.payFor(card?.providerReference ?? '');
    const { payload, header } = stripe.sign(stripe.standIn.eventFor('checkout.session.completed', paid));
    await handleStripeWebhook(db, payload, header);
    expect((await orderRow(split.placed.order.id))?.state).toBe('paid');
    return split;
  }

  it('refunds the card part through the Stripe Refund API with an idempotency key', async () => {
    const { shopper, staff, placed } = await paidStripeSplitOrder();
    const result = await refund(placed.order.id, staff.id, 15_000);
    expect(result.status).toBe('refunded');
    if (result.status !== 'refunded') return;
    const [card] = result.cards;
    expect(card?.transfer).toMatchObject({ amount: 5_000, state: 'posted' });
    const calls = stripe.standIn.requests.filter((r) => r.path === '/v1/refunds');
    expect(calls).toEqual([expect.objectContaining({ idempotencyKey: `order-refund:${card?.transfer.id}` })]);
    expect([...stripe.standIn.refunds.values()].map((r) => r.amount)).toContain(5_000);
    expect((await wallet(shopper.id)).available).toBe(10_000);
    expect(await ledgerOk()).toBe(true);
  });

  it('a card refund Stripe refuses is voided and no longer counts as refunded; the wallet part stands', async () => {
    const { shopper, staff, placed } = await paidStripeSplitOrder();
    stripe.standIn.refuseRefunds(true);
    try {
      const result = await refund(placed.order.id, staff.id, 15_000);
      expect(result.status).toBe('refunded');
      if (result.status !== 'refunded') return;
      expect(result.cards.map(({ transfer, refusal }) => [transfer.state, refusal])).toEqual([['voided', 'charge_disputed']]);
    } finally {
      stripe.standIn.refuseRefunds(false);
    }
    expect((await orderRow(placed.order.id))?.amountRefunded).toBe(10_000);
    expect((await wallet(shopper.id)).available).toBe(10_000);
    expect(await refundable(placed.order.id)).toEqual([5_000]);
    expect(await refundsOf(placed.order.id)).toEqual([
      ['card', 'voided'],
      ['wallet', 'posted'],
    ]);
    expect((await listRefunds(db.read, { q: placed.order.number })).rows.map((r) => r.method)).toEqual(['wallet']);
    const retry = await refund(placed.order.id, staff.id, 5_000);
    expect(retry).toMatchObject({ status: 'refunded', wallet: undefined, order: { amountRefunded: 15_000 } });
    expect(await ledgerOk()).toBe(true);
  });

  /** What Stripe refunded for this card share (found by the key kept in the refund's metadata). */
  const atStripe = (transferId: number, orderId: number) =>
    [...stripe.standIn.refunds.values()].filter((r) => r.metadata?.coffer_refund === cardRefundKey({ id: transferId, orderId }));
  const afterGrace = () => new Date(Date.now() + RECONCILE_GRACE_MS + 1_000);

  it('a lost Stripe answer leaves the card share waiting and counted, so staff cannot refund the card twice; the reconciler posts it once', async () => {
    const { shopper, staff, placed } = await paidStripeSplitOrder();
    stripe.standIn.failRefunds(3, { reply: 'error', afterRefund: true });
    const result = await refund(placed.order.id, staff.id, 15_000);
    if (result.status !== 'refunded') throw new Error(result.status);
    const [card] = result.cards;
    if (!card) throw new Error('no card share');
    expect([card.transfer.state, card.refusal]).toEqual(['pending', undefined]);
    expect(atStripe(card.transfer.id, placed.order.id)).toHaveLength(1);
    expect((await orderRow(placed.order.id))?.amountRefunded).toBe(15_000);
    expect(await refundable(placed.order.id)).toEqual([0]);
    expect(await refund(placed.order.id, staff.id, 5_000)).toMatchObject({ status: 'exceeds_refundable' });
    expect(await refundsOf(placed.order.id)).toEqual([
      ['card', 'pending'],
      ['wallet', 'posted'],
    ]);

    await reconcileProviderWork(db, afterGrace());
    expect((await getTransfer(db.read, card.transfer.id))?.state).toBe('posted');
    expect(atStripe(card.transfer.id, placed.order.id)).toHaveLength(1);
    expect((await orderRow(placed.order.id))?.amountRefunded).toBe(15_000);
    expect((await wallet(shopper.id)).available).toBe(10_000);
    expect(await ledgerOk()).toBe(true);
  });

  it('the reconciler voids a waiting card share Stripe reports failed and takes it off the order, once', async () => {
    const { staff, placed } = await paidStripeSplitOrder();
    stripe.standIn.failRefunds(3, { reply: 'error', afterRefund: true });
    const result = await refund(placed.order.id, staff.id, 15_000);
    const card = result.status === 'refunded' ? result.cards[0] : undefined;
    const [made] = card ? atStripe(card.transfer.id, placed.order.id) : [];
    if (!card || !made) throw new Error('Stripe should have made the refund.');
    stripe.standIn.refunds.set(made.id, { ...made, status: 'failed' });

    await Promise.all([reconcileProviderWork(db, afterGrace()), reconcileProviderWork(db, afterGrace())]);
    expect(await getTransfer(db.read, card.transfer.id)).toMatchObject({ state: 'voided', voidReason: 'refund_failed' });
    expect((await orderRow(placed.order.id))?.amountRefunded).toBe(10_000);
    expect(await refundable(placed.order.id)).toEqual([5_000]);
    expect(await ledgerOk()).toBe(true);
  });
});
