// Cancels, the abandoned-order job and switching the way of paying with cards through Stripe
// Checkout (a local stand-in answering with Stripe's own objects). Its own file: the app's
// configuration is read once per test file, and here Stripe must be on from the start.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { payments } from '@/db/schema';
import { getTransfer, verifyLedger } from '@/lib/ledger';
import { RECONCILE_GRACE_MS, reconcileProviderWork } from '@/lib/payments/reconcile';
import { handleStripeWebhook } from '@/lib/payments/stripe';
import { stripeClient } from '@/lib/payments/stripe-client';
import { useStripeStandIn } from '@/test/helpers/stripe';
import { orderRow, placeTestOrder, postedRefunds, stockOf, walletAvailable, type PlacedTestOrder } from '@/test/helpers/order-lifecycle';
import { cancelAbandonedOrders } from './abandoned';
import { cancelOrder, type CancelActor } from './cancel-order';
import { switchOrderPayment } from './switch-payment';

const db = getDatabase();
const ledgerOk = async () => (await verifyLedger(db.read)).ok;
const staffActor = (staffId: number): CancelActor => ({ kind: 'staff', userId: staffId, reason: 'Customer asked', attemptKey: crypto.randomUUID() });
const paymentRow = async (id: number) => (await db.read.select().from(payments).where(eq(payments.id, id)))[0];

describe('order lifecycle with Stripe Checkout', () => {
  const stripe = useStripeStandIn('whsec_test_coffer_order_lifecycle');
  const sessionOf = async (placed: PlacedTestOrder) => (await paymentRow(placed.payment.id))?.providerReference ?? '';
  const expireCalls = (sessionId: string) => stripe.standIn.requests.filter((r) => r.method === 'POST' && r.path === `/v1/checkout/sessions/${sessionId}/expire`);
  /** Stripe does not answer about sessions (timeouts, 5xx): its answer is unknown. */
  function stripeSilent() {
    const sessions = stripeClient().checkout.sessions;
    vi.spyOn(sessions, 'retrieve').mockRejectedValue(new Error('connect ETIMEDOUT'));
    vi.spyOn(sessions, 'expire').mockRejectedValue(new Error('connect ETIMEDOUT'));
  }
  afterEach(() => vi.restoreAllMocks());

  async function paidByStripe(method: 'card' | 'wallet_and_card', funded = 0) {
    const placed = await placeTestOrder(db, method, { funded });
    const paid = stripe.standIn.payFor(await sessionOf(placed));
    const { payload, header } = stripe.sign(stripe.standIn.eventFor('checkout.session.completed', paid));
    await handleStripeWebhook(db, payload, header);
    expect((await orderRow(db, placed.order.id)).state).toBe('paid');
    return placed;
  }

  it('a shopper cancels an order whose Stripe page is open: the page is expired at Stripe first', async () => {
    const placed = await placeTestOrder(db, 'card');
    const sessionId = await sessionOf(placed);
    expect(sessionId).toMatch(/^cs_test_/);
    const result = await cancelOrder(db, placed.order.id, { kind: 'shopper', userId: placed.shopper.id });
    expect(result.status).toBe('canceled');
    expect(expireCalls(sessionId)).toHaveLength(1);
    expect(await paymentRow(placed.payment.id)).toMatchObject({ state: 'canceled' });
    expect(await stockOf(db, placed.product.id)).toBe(5);
  });

  it('when Stripe does not answer, nothing is cancelled on a guess', async () => {
    const placed = await placeTestOrder(db, 'wallet_and_card', { funded: 1_000 });
    stripeSilent();
    await expect(cancelOrder(db, placed.order.id, { kind: 'shopper', userId: placed.shopper.id })).rejects.toMatchObject({ code: 'PAYMENT_OPEN' });
    expect((await orderRow(db, placed.order.id)).state).toBe('confirmed');
    expect(await paymentRow(placed.payment.id)).toMatchObject({ state: 'pending' });
    expect(await walletAvailable(db, placed.shopper.id)).toBe(0);
    expect(await stockOf(db, placed.product.id)).toBe(3);
    vi.restoreAllMocks();
    expect((await cancelOrder(db, placed.order.id, { kind: 'shopper', userId: placed.shopper.id })).status).toBe('canceled');
    expect(await walletAvailable(db, placed.shopper.id)).toBe(1_000);
  });

  it('a page paid at Stripe meanwhile completes the payment instead, and the shopper can no longer cancel', async () => {
    const placed = await placeTestOrder(db, 'card');
    stripe.standIn.payFor(await sessionOf(placed));
    await expect(cancelOrder(db, placed.order.id, { kind: 'shopper', userId: placed.shopper.id })).rejects.toMatchObject({
      code: 'NOT_CANCELLABLE',
      params: { reason: 'paid' },
    });
    expect((await orderRow(db, placed.order.id)).state).toBe('paid');
  });

  it('staff cancel a Stripe-paid Wallet and Card order: the card part refunded through Stripe once, the wallet part to the wallet', async () => {
    const placed = await paidByStripe('wallet_and_card', 4_000);
    const actor = staffActor(placed.staff.id);
    const first = await cancelOrder(db, placed.order.id, actor);
    const again = await cancelOrder(db, placed.order.id, actor);
    expect([first.status, again.status]).toEqual(['canceled', 'already_canceled']);
    const refunds = stripe.standIn.requests.filter((r) => r.path === '/v1/refunds' && r.method === 'POST');
    expect(refunds).toHaveLength(1);
    expect(refunds[0]?.idempotencyKey).toBe(`order-refund:${first.refund.cards[0]?.transfer.id}`);
    expect(await postedRefunds(db, placed.order.id)).toEqual([
      ['refund_deposit_to_card', 2_000],
      ['refund_to_wallet', 4_000],
    ]);
    expect(await walletAvailable(db, placed.shopper.id)).toBe(4_000);
    expect((await orderRow(db, placed.order.id)).amountRefunded).toBe(6_000);
    expect(await ledgerOk()).toBe(true);
  });

  it('a card refund Stripe refuses is credited to the wallet instead: every cent comes back', async () => {
    const placed = await paidByStripe('card');
    stripe.standIn.refuseRefunds(true);
    try {
      const result = await cancelOrder(db, placed.order.id, staffActor(placed.staff.id));
      expect(result.refund).toMatchObject({ toWallet: 0, refusedToWallet: 6_000 });
      expect(result.refund.cards.map((part) => [part.transfer.state, part.refusal])).toEqual([['voided', 'charge_disputed']]);
    } finally {
      stripe.standIn.refuseRefunds(false);
    }
    expect(await walletAvailable(db, placed.shopper.id)).toBe(6_000);
    expect((await orderRow(db, placed.order.id)).amountRefunded).toBe(6_000);
    expect(await postedRefunds(db, placed.order.id)).toEqual([['refund_to_wallet', 6_000]]);
    expect(await ledgerOk()).toBe(true);
  });

  it('a lost refund answer waits; the reconciler settles it, and a late refusal is credited to the wallet by the job, once', async () => {
    const placed = await paidByStripe('card');
    stripe.standIn.failRefunds(3, { reply: 'error', afterRefund: true });
    const result = await cancelOrder(db, placed.order.id, staffActor(placed.staff.id));
    const [share] = result.refund.cards;
    if (!share) throw new Error('no card share');
    expect(share.transfer.state).toBe('pending');
    // Stripe made the refund, then reports it failed: the reconciler voids the share.
    const [made] = [...stripe.standIn.refunds.values()].filter((refund) => refund.metadata?.coffer_refund === `order-refund:${share.transfer.id}`);
    if (!made) throw new Error('Stripe should have made the refund.');
    stripe.standIn.refunds.set(made.id, { ...made, status: 'failed' });
    await reconcileProviderWork(db, new Date(Date.now() + RECONCILE_GRACE_MS + 1_000));
    expect((await getTransfer(db.read, share.transfer.id))?.state).toBe('voided');
    expect((await orderRow(db, placed.order.id)).amountRefunded).toBe(0);

    await Promise.all([cancelAbandonedOrders(db), cancelAbandonedOrders(db)]);
    expect(await walletAvailable(db, placed.shopper.id)).toBe(6_000);
    expect((await orderRow(db, placed.order.id)).amountRefunded).toBe(6_000);
    await cancelAbandonedOrders(db);
    expect(await walletAvailable(db, placed.shopper.id)).toBe(6_000);
    expect(await ledgerOk()).toBe(true);
  });

  it('the abandoned-order job expires open Stripe pages before cancelling, and skips the order while Stripe is silent', async () => {
    const silent = await placeTestOrder(db, 'card');
    const later = new Date(Date.now() + 61 * 60_000);
    stripeSilent();
    await cancelAbandonedOrders(db, later);
    expect((await orderRow(db, silent.order.id)).state).toBe('confirmed');
    vi.restoreAllMocks();
    await cancelAbandonedOrders(db, later);
    expect((await orderRow(db, silent.order.id)).state).toBe('canceled');
    expect(expireCalls(await sessionOf(silent))).toHaveLength(1);
  });

  it('switching from a Stripe card payment to a wire expires the Stripe page first', async () => {
    const placed = await placeTestOrder(db, 'card');
    const sessionId = await sessionOf(placed);
    const outcome = await switchOrderPayment(db, placed.shopper, { orderNumber: placed.order.number, method: 'wire_transfer', attemptKey: crypto.randomUUID() });
    expect(outcome.payment).toMatchObject({ provider: 'wire_transfer', state: 'pending' });
    expect(expireCalls(sessionId)).toHaveLength(1);
    expect(await paymentRow(placed.payment.id)).toMatchObject({ state: 'canceled' });
  });
});
