import Stripe from 'stripe';
import { appConfig } from '@/lib/config';

let client: { key: string; stripe: Stripe } | undefined;

/** True when Stripe keys are configured; otherwise cards go through the Demo provider. */
export function stripeEnabled(): boolean {
  return appConfig().stripe !== null;
}

/** The Stripe SDK client (pointed at STRIPE_API_URL when set, e.g. a local stand-in in tests). */
export function stripeClient(): Stripe {
  const settings = appConfig().stripe;
  if (!settings) throw new Error('Stripe is not configured.');
  if (client?.key === settings.secretKey) return client.stripe;
  const target = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
  const stripe = new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(target
      ? {
          host: target.hostname,
          port: target.port || (target.protocol === 'https:' ? 443 : 80),
          protocol: target.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });
  client = { key: settings.secretKey, stripe };
  return stripe;
}

/** The signing secret webhooks are verified with. */
export function stripeWebhookSecret(): string {
  const settings = appConfig().stripe;
  if (!settings) throw new Error('Stripe is not configured.');
  return settings.webhookSecret;
}
