// Refunds of a Stripe card top-up to the card, through the merchant API over HTTP, against the local
// Stripe stand-in made to lose answers: a lost answer waits (never voids), a retry with the same
// Idempotency-Key or the reconciler settles it exactly once, and one key never runs two bodies.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, getTransfer, verifyLedger } from '@/lib/ledger';
import { cardRefundKey } from '@/lib/payments/card-refunds';
import { RECONCILE_GRACE_MS, reconcileProviderWork } from '@/lib/payments/reconcile';
import { createPaymentRecord, findPayment } from '@/lib/payments/records';
import { createCheckoutSession, syncCheckoutSession } from '@/lib/payments/stripe';
import { useStripeStandIn } from '@/test/helpers/stripe';
import { insertTestUser } from '@/test/helpers/users';
import { signedPost } from '@/test/reliability/signed-request';
import { startApiServer, type TestServer } from './craftgate-server';

const db = getDatabase();
const stripe = useStripeStandIn('whsec_test_coffer_stripe_refunds');
let server: TestServer;
let key: NewApiKey;

beforeAll(async () => {
  server = await startApiServer();
  key = await createApiKey(db, { name: 'ERP', staffId: (await insertTestUser(db, 'staff')).id });
});

afterAll(async () => {
  await server.close();
});

/** A customer whose wallet was topped up by card through Stripe Checkout; returns the deposit transfer id. */
async function stripeTopUp(amount: number): Promise<{ userId: number; deposit: number }> {
  const user = await insertTestUser(db);
  const { payment } = await db.write((tx) =>
    createPaymentRecord(tx, { userId: user.id, purpose: 'top_up', provider: 'stripe', amount, currency: 'USD', idempotencyKey: `test-top-up:${crypto.randomUUID()}` }),
  );
  await createCheckoutSession(db, payment, user.email);
  const sessionId = (await findPayment(db.read, payment.id))?.providerReference ?? '';
  stripe.standIn.payFor(sessionId);
  await syncCheckoutSession(db, sessionId);
  const deposit = (await findPayment(db.read, payment.id))?.transferId;
  if (!deposit) throw new Error('The top-up did not complete.');
  return { userId: user.id, deposit };
}

type RefundReply = { status: number; refund?: { id: number; refundStatus: string; refundPrice: number }; errorCode?: string };

async function refundToCard(deposit: number, refundPrice: number, idempotencyKey?: string): Promise<RefundReply> {
  const headers = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined;
  const answer = await signedPost(server.baseUrl, key, `/payment/v1/wallet-transactions/${deposit}/refunds`, { refundPrice }, headers);
  const json = JSON.parse(answer.text) as { data?: RefundReply['refund']; errors?: { errorCode: string } };
  return { status: answer.status, refund: json.data, errorCode: json.errors?.errorCode };
}

const available = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;
/** What Stripe refunded for this refund transfer (found by the key kept in its metadata). */
const refundedAtStripe = (transferId: number) =>
  [...stripe.standIn.refunds.values()].filter((refund) => refund.metadata?.coffer_refund === cardRefundKey({ id: transferId, orderId: null }));
/** Every cent Stripe gave back to this top-up's card must have left the wallet (posted or held). */
const refundedToCard = (transferIds: number[]) => transferIds.flatMap(refundedAtStripe).reduce((sum, refund) => sum + refund.amount, 0);
const afterGrace = () => new Date(Date.now() + RECONCILE_GRACE_MS + 1_000);

describe('refund of a Stripe top-up to the card when Stripe answers nothing', () => {
  it('a refund whose answer was lost after Stripe made it waits (202 WAITING, money held), and a merchant retry never refunds more than the wallet gave', async () => {
    const { userId, deposit } = await stripeTopUp(10_000);
    stripe.standIn.failRefunds(3, { reply: 'error', afterRefund: true });
    const lost = await refundToCard(deposit, 40, 'lost-answer-1');
    expect(lost).toMatchObject({ status: 202, refund: { refundStatus: 'WAITING', refundPrice: 40 } });
    const first = lost.refund?.id ?? 0;
    expect((await getTransfer(db.read, first))?.state).toBe('pending');
    expect(await available(userId)).toBe(6_000);

    // The merchant, seeing no success, refunds again: a new refund, paid for by the wallet too.
    const again = await refundToCard(deposit, 40);
    expect(again).toMatchObject({ status: 200, refund: { refundStatus: 'SUCCESS' } });
    const second = again.refund?.id ?? 0;
    expect(refundedToCard([first, second])).toBe(8_000);
    expect(10_000 - await available(userId)).toBe(8_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('a retry with the same Idempotency-Key resumes the waiting refund: Stripe is asked again and it settles once', async () => {
    const { userId, deposit } = await stripeTopUp(5_000);
    stripe.standIn.failRefunds(3, { reply: 'drop', afterRefund: true });
    const lost = await refundToCard(deposit, 20, 'resume-1');
    expect(lost).toMatchObject({ status: 202, refund: { refundStatus: 'WAITING' } });
    const id = lost.refund?.id ?? 0;

    const resumed = await refundToCard(deposit, 20, 'resume-1');
    expect(resumed).toMatchObject({ status: 200, refund: { id, refundStatus: 'SUCCESS', refundPrice: 20 } });
    expect(await refundToCard(deposit, 20, 'resume-1')).toEqual(resumed);
    expect((await getTransfer(db.read, id))?.state).toBe('posted');
    expect(refundedAtStripe(id)).toHaveLength(1);
    expect(await available(userId)).toBe(3_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('a card error is a definite refusal: the hold is voided and the API says so (502)', async () => {
    const { userId, deposit } = await stripeTopUp(3_000);
    stripe.standIn.refuseRefunds(true);
    try {
      expect(await refundToCard(deposit, 10)).toMatchObject({ status: 502, errorCode: 'PROVIDER_REFUND_FAILED' });
    } finally {
      stripe.standIn.refuseRefunds(false);
    }
    expect(await available(userId)).toBe(3_000);
  });
});

describe('the reconciler of provider work', () => {
  it('settles a refund left waiting (the request died while Stripe had it) exactly once, even with two reconcilers racing', async () => {
    const { userId, deposit } = await stripeTopUp(10_000);
    stripe.standIn.failRefunds(3, { reply: 'drop' });
    const lost = await refundToCard(deposit, 25);
    expect(lost).toMatchObject({ status: 202, refund: { refundStatus: 'WAITING' } });
    const id = lost.refund?.id ?? 0;
    expect(refundedAtStripe(id)).toHaveLength(0);

    // Within the grace period the refund's own request may still be talking to Stripe.
    await reconcileProviderWork(db, new Date());
    expect((await getTransfer(db.read, id))?.state).toBe('pending');

    const reports = await Promise.all([await reconcileProviderWork(db, afterGrace()), await reconcileProviderWork(db, afterGrace())]);
    expect(reports.reduce((sum, report) => sum + report.refundsSettled, 0)).toBeGreaterThanOrEqual(1);
    expect((await getTransfer(db.read, id))?.state).toBe('posted');
    expect(refundedAtStripe(id)).toHaveLength(1);
    expect(await available(userId)).toBe(7_500);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('voids a waiting refund that Stripe reports failed, giving the money back to the wallet', async () => {
    const { userId, deposit } = await stripeTopUp(4_000);
    stripe.standIn.failRefunds(3, { reply: 'error', afterRefund: true });
    const lost = await refundToCard(deposit, 15);
    const id = lost.refund?.id ?? 0;
    const [atStripe] = refundedAtStripe(id);
    if (!atStripe) throw new Error('Stripe should have made the refund.');
    stripe.standIn.refunds.set(atStripe.id, { ...atStripe, status: 'failed' });

    await reconcileProviderWork(db, afterGrace());
    expect(await getTransfer(db.read, id)).toMatchObject({ state: 'voided', voidReason: 'refund_failed' });
    expect(await available(userId)).toBe(4_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});

describe('one Idempotency-Key, two bodies, at the same time', () => {
  it('the second body gets 409 while the first waits on Stripe, and moves nothing; the first body replays', async () => {
    const { userId, deposit } = await stripeTopUp(10_000);
    const paused = stripe.standIn.pauseRefunds();
    const first = refundToCard(deposit, 30, 'same-key-1');
    try {
      await paused.arrived(1);
      const second = refundToCard(deposit, 20, 'same-key-1');
      // Whichever comes first: the second's reply, or the second refund reaching Stripe.
      const outcome = await Promise.race([second, paused.arrived(2).then(() => 'a second refund reached Stripe')]);
      expect(outcome).toMatchObject({ status: 409, errorCode: 'IDEMPOTENCY_CONFLICT' });
      expect(await available(userId)).toBe(7_000);
    } finally {
      paused.release();
    }
    const done = await first;
    expect(done).toMatchObject({ status: 200, refund: { refundStatus: 'SUCCESS', refundPrice: 30 } });

    expect(await refundToCard(deposit, 30, 'same-key-1')).toEqual(done);
    expect(await refundToCard(deposit, 20, 'same-key-1')).toMatchObject({ status: 409 });
    expect(refundedToCard([done.refund?.id ?? 0])).toBe(3_000);
    expect(10_000 - await available(userId)).toBe(3_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
