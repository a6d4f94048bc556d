import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { findApiPayment } from '@/lib/api/wallet-payments';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { findPayment } from '@/lib/payments/records';
import { handleStripeWebhook, syncCheckoutSession } from '@/lib/payments/stripe';
import { reconcileProviderWork } from '@/lib/payments/reconcile';
import { updateSettings } from '@/lib/settings';
import { useStripeStandIn } from '@/test/helpers/stripe';
import { insertTestUser } from '@/test/helpers/users';
import { findPaymentPage } from './pages';
import { payOnPage } from './pay';
import { cancelStripePagePayment, checkStripePagePayment, startStripePagePayment } from './stripe';
import { openTestPage, testApiKey } from './test-helpers';

const db = getDatabase();
const stripe = useStripeStandIn('whsec_test_pages');
const { apiKeyId } = await testApiKey(db);
const key = () => crypto.randomUUID();

async function started(token: string, amount: number | null = null, attemptKey = key()) {
  const result = await startStripePagePayment(db, { token, attemptKey, amount });
  if (result.status !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(result)}`);
  const payment = await findPayment(db.read, result.payment.id);
  if (!payment?.providerReference) throw new Error('no session recorded');
  return { ...result, payment, sessionId: payment.providerReference };
}

async function webhook(sessionId: string) {
  const event = stripe.standIn.eventFor('checkout.session.completed', stripe.standIn.sessions.get(sessionId) ?? {});
  const { payload, header } = stripe.sign(event);
  return handleStripeWebhook(db, payload, header);
}

describe('a page paid at Stripe Checkout', () => {
  it('opens a session for the page’s amount and completes the page once, whichever of webhook, check and reconciler arrive', async () => {
    const page = await openTestPage(db, apiKeyId, { paidPrice: 4550 });
    const attemptKey = key();
    const { url, payment, sessionId } = await started(page.token, null, attemptKey);
    expect(url).toBe(`${stripe.standIn.url}/pay/${sessionId}`);
    expect(stripe.standIn.sessions.get(sessionId)).toMatchObject({ amount_total: 4550, currency: 'usd', metadata: { payment_reference: payment.reference, payment_page: page.token } });
    // A double submit resumes the same payment and session.
    expect((await started(page.token, null, attemptKey)).sessionId).toBe(sessionId);
    // While it is open at Stripe it holds the page: no other payment may be started.
    expect(await startStripePagePayment(db, { token: page.token, attemptKey: key(), amount: null })).toEqual({ status: 'refused', reason: 'in_progress' });
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'open', paid: 0, paymentIds: [payment.id] });

    stripe.standIn.payFor(sessionId);
    const sales = async () => (await getBalance(db.read, { system: 'sales', currency: 'USD' })).posted;
    const before = await sales();
    await Promise.all([webhook(sessionId), checkStripePagePayment(db, page.token, payment.reference), syncCheckoutSession(db, sessionId)]);
    await webhook(sessionId);
    await reconcileProviderWork(db, new Date(Date.now() + 60 * 60_000));
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'completed', paid: 4550, remaining: 0, successfulPayments: 1 });
    expect(await findPayment(db.read, payment.id)).toMatchObject({ state: 'done' });
    expect((await sales()) - before).toBe(4550);
    expect((await findApiPayment(db.read, payment.id))?.details).toMatchObject({ apiKeyId, externalId: 'ext-1' });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('credits a deposit page’s buyer once', async () => {
    const member = await insertTestUser(db);
    const page = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 2000, buyerId: member.id });
    const { payment, sessionId } = await started(page.token);
    stripe.standIn.payFor(sessionId);
    await Promise.all([webhook(sessionId), checkStripePagePayment(db, page.token, payment.reference)]);
    await webhook(sessionId);
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).available).toBe(2000);
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'completed', paid: 2000 });
  });

  it("refuses a deposit the wallet has no room for before opening a Stripe session", async () => {
    const member = await insertTestUser(db);
    await db.write((tx) => updateSettings(tx, { maxWalletBalance: 1_000 }));
    try {
      const page = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 1001, buyerId: member.id });
      const sessionsBefore = stripe.standIn.sessions.size;
      expect(await startStripePagePayment(db, { token: page.token, attemptKey: key(), amount: null })).toEqual({ status: 'refused', reason: 'wallet_full', params: { room: 1000 } });
      expect(stripe.standIn.sessions.size).toBe(sessionsBefore);
      expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'open', paymentIds: [] });
    } finally {
      await db.write((tx) => updateSettings(tx, { maxWalletBalance: 1_000_000_000_000 }));
    }
  });

  it('a deposit page naming no member: only a signed-in customer starts it; the webhook, check and reconciler credit that shopper once', async () => {
    const shopper = await insertTestUser(db);
    const other = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const page = await openTestPage(db, apiKeyId, { kind: 'deposit', paidPrice: 1800 });
    expect(await startStripePagePayment(db, { token: page.token, attemptKey: key(), amount: null })).toEqual({ status: 'refused', reason: 'no_buyer' });
    expect(await startStripePagePayment(db, { token: page.token, attemptKey: key(), amount: null, payerId: staff.id })).toEqual({ status: 'refused', reason: 'not_customer' });
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ paymentIds: [] });

    const result = await startStripePagePayment(db, { token: page.token, attemptKey: key(), amount: null, payerId: shopper.id });
    if (result.status !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(result)}`);
    const payment = await findPayment(db.read, result.payment.id);
    // Recorded as the shopper's top-up: the webhook, "Check now" and the reconciler credit payment.userId.
    expect(payment).toMatchObject({ userId: shopper.id, purpose: 'top_up', provider: 'stripe', state: 'pending', amount: 1800 });
    const sessionId = payment?.providerReference ?? '';
    expect(stripe.standIn.sessions.get(sessionId)).toMatchObject({ customer_email: shopper.email });
    // While it is open at Stripe, another shopper cannot start a second deposit on the page…
    expect(await startStripePagePayment(db, { token: page.token, attemptKey: key(), amount: null, payerId: other.id })).toEqual({ status: 'refused', reason: 'in_progress' });
    // …nor give up the first shopper's, even holding its reference; nor can a visitor.
    for (const stranger of [other.id, null]) {
      expect(await cancelStripePagePayment(db, page.token, result.payment.reference, stranger)).toMatchObject({ state: 'pending' });
    }
    expect(stripe.standIn.sessions.get(sessionId)?.status).toBe('open');

    stripe.standIn.payFor(sessionId);
    await Promise.all([webhook(sessionId), checkStripePagePayment(db, page.token, result.payment.reference), syncCheckoutSession(db, sessionId)]);
    await webhook(sessionId);
    await reconcileProviderWork(db, new Date(Date.now() + 60 * 60_000));
    expect((await getBalance(db.read, { wallet: shopper.id, currency: 'USD' })).available).toBe(1800);
    expect((await getBalance(db.read, { wallet: other.id, currency: 'USD' })).available).toBe(0);
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'completed', paid: 1800, successfulPayments: 1 });
    expect(await startStripePagePayment(db, { token: page.token, attemptKey: key(), amount: null, payerId: other.id })).toEqual({ status: 'refused', reason: 'closed' });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('a cancelled card payment stops holding a multi page; the rest is paid by wallet', async () => {
    const member = await insertTestUser(db);
    const page = await openTestPage(db, apiKeyId, { kind: 'multi', paidPrice: 3000, buyerId: member.id, maxPayments: 2 });
    const first = await started(page.token, 1000);
    // The card payment in flight counts: the wallet may take at most the other 2000, and it would be the last allowed payment.
    expect(await payOnPage(db, { token: page.token, attemptKey: key(), method: 'wallet', amount: 2001, payerId: member.id })).toEqual({ status: 'refused', reason: 'amount', params: { max: 2000, min: 2000 } });
    await cancelStripePagePayment(db, page.token, first.payment.reference);
    expect(await findPayment(db.read, first.payment.id)).toMatchObject({ state: 'canceled' });
    const second = await started(page.token, 1000);
    stripe.standIn.payFor(second.sessionId);
    await webhook(second.sessionId);
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'open', paid: 1000, remaining: 2000, paymentIds: [first.payment.id, second.payment.id] });
    expect(await startStripePagePayment(db, { token: page.token, attemptKey: key(), amount: 1999 })).toEqual({ status: 'refused', reason: 'amount', params: { max: 2000, min: 2000 } });
    const last = await started(page.token, 2000);
    stripe.standIn.payFor(last.sessionId);
    await checkStripePagePayment(db, page.token, last.payment.reference);
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'completed', paid: 3000, successfulPayments: 2 });
  });

  it('late money at Stripe after the page expired still lands and completes it', async () => {
    const page = await openTestPage(db, apiKeyId, { paidPrice: 1500 });
    const { sessionId } = await started(page.token);
    const { expirePaymentPage } = await import('./pages');
    await db.write((tx) => expirePaymentPage(tx, page.token));
    stripe.standIn.payFor(sessionId);
    await webhook(sessionId);
    expect(await findPaymentPage(db.read, page.token)).toMatchObject({ state: 'completed', paid: 1500 });
  });
});
