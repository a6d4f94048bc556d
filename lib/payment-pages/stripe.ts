import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Query } from '@/db/database';
import { paymentPagePayments, paymentPages, payments, users, type Payment, type PaymentPage } from '@/db/schema';
import { appConfig } from '@/lib/config';
import { closePayment } from '@/lib/payments/complete';
import { cancelCheckoutSession, syncCheckoutSession } from '@/lib/payments/stripe';
import { stripeClient } from '@/lib/payments/stripe-client';
import { isPaymentMethodEnabled } from '@/lib/settings';
import { pageMethodsOf } from './pages';
import { depositPayerRefusal, depositRoomRefusal, depositWalletOf, lockForPayment, paymentKeyOf, recordProviderPayment, type PagePayRefusal } from './pay';

/**
 * A card payment on a hosted page when Stripe is configured: the payment is recorded pending on the
 * locked page (it holds its amount as "in flight", so no other payment can overpay the page while
 * it is open at Stripe), then Stripe Checkout is opened outside the transaction. The money lands
 * through the shop's own paths: the webhook, the reconcile job or the page's "Check now" (a POST),
 * each applying the session with completePayment, which captures it and completes the page once.
 */

export type StripeStart = { status: 'redirect'; url: string; payment: Payment } | { status: 'refused'; reason: PagePayRefusal | 'unavailable'; params?: Record<string, number> };

// Stripe lets a Checkout Session live from 30 minutes to 24 hours.
const MIN_SESSION_MS = 31 * 60_000;
const MAX_SESSION_MS = 23 * 60 * 60_000;

function sessionExpiry(page: PaymentPage, now: Date): number {
  const wanted = Math.min(Math.max(page.expiresAt.getTime(), now.getTime() + MIN_SESSION_MS), now.getTime() + MAX_SESSION_MS);
  return Math.floor(wanted / 1000);
}

async function emailOf(q: Query, userId: number | null): Promise<string | undefined> {
  if (userId === null) return undefined;
  const [user] = await q.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return user?.email;
}

/**
 * Starts (or, for the same attempt key, resumes) a Stripe card payment on a page; the buyer is sent to the returned URL.
 * `payerId`: the signed-in user paying (null: a visitor); a deposit page naming no member tops up their wallet, so the payment is recorded as theirs.
 */
export async function startStripePagePayment(db: Database, input: { token: string; attemptKey: string; amount: number | null; payerId?: number | null }): Promise<StripeStart> {
  const payerId = input.payerId ?? null;
  const [page] = await db.read.select().from(paymentPages).where(eq(paymentPages.token, input.token));
  if (!page) return { status: 'refused', reason: 'not_found' };
  if (!pageMethodsOf(page).includes('CARD') || !(await isPaymentMethodEnabled(db.read, 'card'))) return { status: 'refused', reason: 'method' };
  const refusal = await depositPayerRefusal(db.read, page, payerId);
  if (refusal) return { status: 'refused', reason: refusal };
  const recorded = await db.write(async (tx) => {
    const check = await lockForPayment(tx, page.id, input.amount);
    const [earlier] = await tx
      .select({ payment: payments })
      .from(paymentPagePayments)
      .innerJoin(payments, eq(payments.id, paymentPagePayments.paymentId))
      .where(and(eq(paymentPagePayments.pageId, page.id), eq(payments.idempotencyKey, paymentKeyOf(page, input.attemptKey))));
    if (earlier) return { ok: true as const, payment: earlier.payment };
    if (!check.ok) return check;
    const full = await depositRoomRefusal(tx, check.page, payerId, check.amount);
    if (full) return full;
    return { ok: true as const, payment: (await recordProviderPayment(tx, check.page, check.amount, input.attemptKey, payerId)).payment };
  });
  if (!recorded.ok) return { status: 'refused', reason: recorded.reason, ...(recorded.params ? { params: recorded.params } : {}) };
  const { payment } = recorded;
  if (payment.state !== 'pending') return { status: 'refused', reason: 'closed' };
  const { appUrl } = appConfig();
  const pagePath = `${appUrl}/payment-page/${encodeURIComponent(page.token)}`;
  const email = await emailOf(db.read, page.kind === 'deposit' ? depositWalletOf(page, payerId) : page.buyerId);
  try {
    const session = await stripeClient().checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: payment.reference,
        ...(email ? { customer_email: email } : {}),
        metadata: { payment_reference: payment.reference, purpose: payment.purpose, payment_page: page.token },
        payment_intent_data: { metadata: { payment_reference: payment.reference } },
        line_items: [{ quantity: 1, price_data: { currency: payment.currency.toLowerCase(), unit_amount: payment.amount, product_data: { name: payment.reference } } }],
        expires_at: sessionExpiry(page, new Date()),
        success_url: `${pagePath}?payment=${payment.reference}`,
        cancel_url: `${pagePath}?payment=${payment.reference}`,
      },
      { idempotencyKey: `checkout-session:${payment.reference}` },
    );
    const sessionId = session.id;
    await db.write((tx) =>
      tx
        .update(payments)
        .set({ providerReference: sessionId, updatedAt: new Date() })
        .where(and(eq(payments.id, payment.id), isNull(payments.providerReference))),
    );
    if (!session.url) throw new Error('Stripe returned no payment page.');
    return { status: 'redirect', url: session.url, payment: { ...payment, providerReference: sessionId } };
  } catch {
    // Never opened at Stripe (or no page to go to): the payment is closed, so it no longer holds the page.
    if (!payment.providerReference) await db.write((tx) => closePayment(tx, payment.id, 'error', { code: 'cardUnavailable' }));
    return { status: 'refused', reason: 'unavailable' };
  }
}

/** A Stripe payment made on this page (by its reference), or undefined. */
export async function stripePaymentOnPage(q: Query, token: string, reference: string): Promise<Payment | undefined> {
  const [row] = await q
    .select({ payment: payments })
    .from(paymentPagePayments)
    .innerJoin(payments, eq(payments.id, paymentPagePayments.paymentId))
    .innerJoin(paymentPages, eq(paymentPages.id, paymentPagePayments.pageId))
    .where(and(eq(paymentPages.token, token), eq(payments.reference, reference), eq(payments.provider, 'stripe')));
  return row?.payment;
}

/** "Check now": applies what Stripe says about the page's card payment (idempotent; a POST). */
export async function checkStripePagePayment(db: Database, token: string, reference: string): Promise<Payment | undefined> {
  const payment = await stripePaymentOnPage(db.read, token, reference);
  if (!payment?.providerReference) return payment;
  return syncCheckoutSession(db, payment.providerReference);
}

/**
 * The buyer gives up the card payment at Stripe: expired there first, then closed, so it stops
 * holding the page. On a top-up link (a deposit page naming no member) the payment is the
 * signed-in shopper's own top-up: only `payerId` = that shopper may give it up; anyone else
 * holding the link and the reference changes nothing.
 */
export async function cancelStripePagePayment(db: Database, token: string, reference: string, payerId: number | null = null): Promise<Payment | undefined> {
  const payment = await stripePaymentOnPage(db.read, token, reference);
  if (!payment || payment.state !== 'pending') return payment;
  const [page] = await db.read.select({ kind: paymentPages.kind, buyerId: paymentPages.buyerId }).from(paymentPages).where(eq(paymentPages.token, token));
  if (page?.kind === 'deposit' && page.buyerId === null && payment.userId !== payerId) return payment;
  return cancelCheckoutSession(db, payment);
}
