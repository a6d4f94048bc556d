import type Stripe from 'stripe';
import type { PaymentFailure } from './failures';
import { eq } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { payments, stripeEvents, type Payment } from '@/db/schema';
import { appConfig } from '@/lib/config';
import { closePayment, completePayment } from './complete';
import { PaymentError } from './errors';
import { findPayment, findPaymentByReference } from './records';
import { stripeClient, stripeWebhookSecret } from './stripe-client';

const purposeLabels: Record<Payment['purpose'], string> = {
  top_up: 'Wallet top-up',
  order: 'Order',
  invoice: 'Invoice',
};

/**
 * Opens a Stripe Checkout Session for a payment (outside any transaction: a network call) and then
 * remembers its id in a write of its own. Safe to call again for the same payment: Stripe's
 * idempotency key returns the same session.
 */
export async function createCheckoutSession(db: Database, payment: Payment, customerEmail: string): Promise<string> {
  const { appUrl } = appConfig();
  let session: Stripe.Checkout.Session;
  try {
    session = await stripeClient().checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: payment.reference,
        customer_email: customerEmail,
        metadata: { payment_reference: payment.reference, purpose: payment.purpose },
        payment_intent_data: { metadata: { payment_reference: payment.reference } },
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: payment.currency.toLowerCase(),
              unit_amount: payment.amount,
              product_data: { name: `${purposeLabels[payment.purpose]} ${payment.reference}` },
            },
          },
        ],
        success_url: `${appUrl}/payments/stripe/return?payment=${payment.reference}&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${appUrl}/payments/stripe/return?payment=${payment.reference}&canceled=1`,
      },
      { idempotencyKey: `checkout-session:${payment.reference}` },
    );
  } catch {
    throw new PaymentError('PROVIDER_UNAVAILABLE', 'Card payments are unavailable right now. Please try again shortly.');
  }
  const sessionId = session.id;
  await db.write(async (tx) => {
    await tx.update(payments).set({ providerReference: sessionId, updatedAt: new Date() }).where(eq(payments.id, payment.id));
  });
  if (!session.url) throw new PaymentError('PROVIDER_UNAVAILABLE', 'Stripe did not return a payment page.');
  return session.url;
}

/** Applies what a Checkout Session says (re-fetched from Stripe, never taken from the browser). */
export async function syncCheckoutSession(db: Database, sessionId: string): Promise<Payment | undefined> {
  const session = await stripeClient().checkout.sessions.retrieve(sessionId);
  return db.write((tx) => applySession(tx, session));
}

async function paymentForSession(q: Query, session: Stripe.Checkout.Session): Promise<Payment | undefined> {
  const reference = session.metadata?.payment_reference ?? session.client_reference_id ?? undefined;
  const payment = reference ? await findPaymentByReference(q, reference) : undefined;
  // A session must be the one this payment opened: a forged reference to another payment is ignored.
  if (!payment || payment.providerReference !== session.id) return undefined;
  return payment;
}

const PAGE_EXPIRED: PaymentFailure = { code: 'pageExpired' };
const SHOPPER_CANCELLED: PaymentFailure = { code: 'shopperCancelled' };

/**
 * Applies what Stripe says about a session. Paid completes the payment, even one the shop had
 * closed (Stripe took the money, so it must land); expired closes it; anything else waits.
 */
async function applySession(tx: Tx, session: Stripe.Checkout.Session, closedAs: PaymentFailure = PAGE_EXPIRED): Promise<Payment | undefined> {
  const payment = await paymentForSession(tx, session);
  if (!payment) return undefined;
  if (session.status === 'complete' && session.payment_status === 'paid') {
    if (session.currency?.toUpperCase() !== payment.currency || session.amount_total === null) {
      throw new PaymentError('AMOUNT_MISMATCH', 'Stripe reported a different currency.', { reason: 'currency' });
    }
    return (await completePayment(tx, payment.id, session.amount_total, { providerConfirmed: true })).payment;
  }
  if (session.status === 'expired') await closePayment(tx, payment.id, 'canceled', closedAs);
  return findPayment(tx, payment.id);
}

/**
 * The shopper came back through Stripe's cancel link (the back button, a second tab), which says
 * nothing about the money: Stripe decides. A paid session completes the payment. An open one is
 * expired at Stripe first, so it can no longer be paid, and only then closed (releasing a split's
 * wallet hold); were it left open, a payment made later would find its hold gone.
 */
export async function cancelCheckoutSession(db: Database, payment: Payment): Promise<Payment | undefined> {
  // No session recorded: there is nothing to ask Stripe, so nothing is closed on a guess.
  if (!payment.providerReference) return findPayment(db.read, payment.id);
  const sessions = stripeClient().checkout.sessions;
  let session = await sessions.retrieve(payment.providerReference);
  if (session.status === 'open') {
    try {
      session = await sessions.expire(payment.providerReference);
    } catch {
      // Refused (paid meanwhile) or unanswered: read it again; a session still open stays open.
      session = await sessions.retrieve(payment.providerReference);
    }
  }
  const settled = session;
  return db.write((tx) => applySession(tx, settled, SHOPPER_CANCELLED));
}

export type WebhookOutcome = { status: 200 | 400; message: string };

/**
 * Handles one webhook delivery: verifies the signature on the raw body, then applies the event
 * once (its id is stored; a replay changes nothing). Unknown event types are acknowledged.
 */
export async function handleStripeWebhook(db: Database, rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  let event: Stripe.Event;
  try {
    if (!signature) throw new Error('missing signature');
    event = stripeClient().webhooks.constructEvent(rawBody, signature, stripeWebhookSecret());
  } catch {
    return { status: 400, message: 'Invalid signature.' };
  }
  const [seen] = await db.read.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
  if (seen) return { status: 200, message: 'Already handled.' };
  const handler = handlers[event.type];
  // Re-fetch outside the transaction (network), then apply and record the event id in one.
  const session = handler ? await stripeClient().checkout.sessions.retrieve(sessionIdOf(event)) : undefined;
  await db.write(async (tx) => {
    const inserted = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, receivedAt: new Date() })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    // Another delivery of the same event (another server) recorded it first: it applied it.
    if (inserted.length === 0 || !handler || !session) return;
    await handler(tx, session);
  });
  return { status: 200, message: 'OK' };
}

function sessionIdOf(event: Stripe.Event): string {
  const object = event.data.object as { id?: unknown; object?: unknown };
  if (object.object !== 'checkout.session' || typeof object.id !== 'string') {
    throw new PaymentError('NOT_FOUND', 'The event does not carry a Checkout Session.', { subject: 'payment' });
  }
  return object.id;
}

const handlers: Partial<Record<Stripe.Event['type'], (tx: Tx, session: Stripe.Checkout.Session) => Promise<unknown>>> = {
  'checkout.session.completed': (tx, session) => applySession(tx, session),
  'checkout.session.async_payment_succeeded': (tx, session) => applySession(tx, session),
  'checkout.session.async_payment_failed': async (tx, session) => {
    const payment = await paymentForSession(tx, session);
    if (payment) await closePayment(tx, payment.id, 'error', { code: 'bankIncomplete' });
  },
  'checkout.session.expired': async (tx, session) => {
    const payment = await paymentForSession(tx, session);
    if (payment) await closePayment(tx, payment.id, 'canceled', PAGE_EXPIRED);
  },
};

/** What Stripe says about a payment's session, read only (a page may show it; it moves nothing). */
export type SessionView = { status: 'paid' | 'open' | 'expired' | 'processing' | 'unknown'; url: string | null };

/** Reads a payment's Checkout Session from Stripe without applying it: for pages (GET). */
export async function peekCheckoutSession(payment: Pick<Payment, 'providerReference'>): Promise<SessionView> {
  if (!payment.providerReference) return { status: 'unknown', url: null };
  try {
    const session = await stripeClient().checkout.sessions.retrieve(payment.providerReference);
    if (session.status === 'complete') return { status: session.payment_status === 'paid' ? 'paid' : 'processing', url: null };
    if (session.status === 'expired') return { status: 'expired', url: null };
    return { status: 'open', url: session.url ?? null };
  } catch {
    return { status: 'unknown', url: null };
  }
}
