import Stripe from 'stripe';
import type { RefundOutcome } from './providers/types';
import { stripeClient } from './stripe-client';

export type { RefundOutcome };

export type StripeRefundRequest = {
  /** The Checkout Session that took the card payment. */
  sessionId: string;
  /** Positive minor units of the session's currency. */
  amount: number;
  /** Stripe idempotency key, also kept in the refund's metadata so a later look-up finds it. */
  idempotencyKey: string;
};

const METADATA_KEY = 'coffer_refund';

function outcomeOfRefund(refund: Stripe.Refund): RefundOutcome {
  if (refund.status === 'succeeded') return { outcome: 'done' };
  if (refund.status === 'failed' || refund.status === 'canceled') return { outcome: 'refused', code: `refund_${refund.status}` };
  // pending / requires_action: Stripe has not settled it yet; asked again later.
  return { outcome: 'unknown' };
}

/** A card error or a 4xx invalid request is Stripe saying no; anything else may hide a refund. */
function outcomeOfError(error: unknown): RefundOutcome {
  if (error instanceof Stripe.errors.StripeCardError) return { outcome: 'refused', code: error.code ?? 'card_error' };
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode !== undefined && error.statusCode < 500 && error.statusCode !== 409) {
    return { outcome: 'refused', code: error.code ?? 'invalid_request' };
  }
  return { outcome: 'unknown' };
}

async function paymentIntentOf(stripe: Stripe, sessionId: string): Promise<string | null> {
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  return typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);
}

/** The refund this request made earlier, found by its metadata among the payment intent's refunds. */
async function earlierRefund(stripe: Stripe, paymentIntent: string, idempotencyKey: string): Promise<Stripe.Refund | undefined> {
  for await (const refund of stripe.refunds.list({ payment_intent: paymentIntent, limit: 100 })) {
    if (refund.metadata?.[METADATA_KEY] === idempotencyKey) return refund;
  }
  return undefined;
}

/**
 * Refunds part of a Stripe card payment, once per idempotency key. With `lookFirst` (a retry or
 * the reconciler) the payment intent's refunds are searched first: Stripe replays a stored answer,
 * a 500 included, and a replayed `pending` never changes, so the current refund is what counts.
 */
export async function refundStripePayment(request: StripeRefundRequest, options: { lookFirst?: boolean } = {}): Promise<RefundOutcome> {
  try {
    const stripe = stripeClient();
    const paymentIntent = await paymentIntentOf(stripe, request.sessionId);
    if (!paymentIntent) return { outcome: 'refused', code: 'no_payment_intent' };
    const earlier = options.lookFirst ? await earlierRefund(stripe, paymentIntent, request.idempotencyKey) : undefined;
    if (earlier) return outcomeOfRefund(earlier);
    const refund = await stripe.refunds.create(
      { payment_intent: paymentIntent, amount: request.amount, metadata: { [METADATA_KEY]: request.idempotencyKey } },
      { idempotencyKey: request.idempotencyKey },
    );
    return outcomeOfRefund(refund);
  } catch (error) {
    return outcomeOfError(error);
  }
}
