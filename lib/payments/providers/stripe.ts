import { findPayment } from '../records';
import { cancelCheckoutSession, createCheckoutSession, syncCheckoutSession } from '../stripe';
import { refundStripePayment } from '../stripe-refunds';
import type { PaymentProvider } from './types';

/**
 * Stripe Checkout. A payment completes when the session is paid, whichever of webhook, return
 * page (via the reconcile job) or reconciler applies it first; refunds go through Stripe's Refund
 * API with one idempotency key per refund.
 */
export const stripeProvider: PaymentProvider = {
  name: 'stripe',
  async start(db, payment, { customerEmail }) {
    return { kind: 'redirect', url: await createCheckoutSession(db, payment, customerEmail) };
  },
  async confirm(db, payment) {
    if (!payment.providerReference) return findPayment(db.read, payment.id);
    return syncCheckoutSession(db, payment.providerReference);
  },
  async refund({ payment, amount, idempotencyKey, lookFirst }) {
    if (!payment.providerReference) return { outcome: 'refused', code: 'provider_cannot_refund' };
    return refundStripePayment({ sessionId: payment.providerReference, amount, idempotencyKey }, { lookFirst });
  },
};

/** The shopper left Stripe's page through its cancel link: Stripe decides (see cancelCheckoutSession). */
export { cancelCheckoutSession as cancelStripePayment };
