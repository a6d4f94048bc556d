import Stripe from 'stripe';
import { afterAll, beforeAll } from 'vitest';
import { startStripeStandIn, type StripeStandIn } from '@/test/stripe-stand-in';

// The SDK's own signing helper, as Stripe signs real deliveries.
const signer = new Stripe('sk_test_signer');

export type StripeTestKit = {
  /** The running stand-in (from beforeAll on). */
  readonly standIn: StripeStandIn;
  /** An event as Stripe delivers it: the JSON body and its Stripe-Signature header. */
  sign(event: Stripe.Event): { payload: string; header: string };
};

/** For one test file: starts the Stripe stand-in, points the SDK at it, and stops it at the end. */
export function useStripeStandIn(webhookSecret: string): StripeTestKit {
  let running: StripeStandIn | undefined;
  beforeAll(async () => {
    running = await startStripeStandIn();
    process.env.STRIPE_SECRET_KEY = 'sk_test_coffer';
    process.env.STRIPE_WEBHOOK_SECRET = webhookSecret;
    process.env.STRIPE_API_URL = running.url;
  });
  afterAll(async () => {
    await running?.close();
  });
  return {
    get standIn() {
      if (!running) throw new Error('The Stripe stand-in starts in beforeAll.');
      return running;
    },
    sign(event) {
      const payload = JSON.stringify(event);
      return { payload, header: signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }) };
    },
  };
}
