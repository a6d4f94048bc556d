import { z } from 'zod';
import { databasePath } from '@/db/database-path';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z.object({
  AUTH_SECRET: optionalText,
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  /** Where the Stripe SDK sends requests; set only to point it at a local stand-in in tests. */
  STRIPE_API_URL: z.url().optional(),
  /** The shop's public address, used in links that leave the site (Stripe return URLs). */
  APP_URL: z.url().default('http://localhost:3000'),
  SHOP_CURRENCY: z.string().trim().toUpperCase().length(3).default('USD'),
  /** The mail server, e.g. smtp://user:pass@host:587 (smtps:// for TLS from the start); unset: e-mails stay in the Outbox, unsent. */
  SMTP_URL: optionalText,
  /** The sender of the shop's e-mails, e.g. "Coffer <shop@example.com>". */
  MAIL_FROM: optionalText,
});

export type AppConfig = {
  databasePath: string;
  appUrl: string;
  shopCurrency: string;
  stripe: { secretKey: string; webhookSecret: string; apiUrl?: string } | null;
  /** smtpUrl null: no mail server, nothing is sent (staff read the messages on the Outbox page). */
  mail: { smtpUrl: string | null; from: string };
};

export const DEFAULT_MAIL_FROM = 'Coffer <shop@localhost>';

let cached: AppConfig | undefined;

/** Configuration from the environment with safe defaults: zero variables give a working shop. */
export function appConfig(): AppConfig {
  if (cached) return cached;
  warnIfAppUrlMissing();
  const env = envSchema.parse(process.env);
  const stripe =
    env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
      ? { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiUrl: env.STRIPE_API_URL }
      : null;
  cached = {
    databasePath: databasePath(),
    appUrl: env.APP_URL.replace(/\/$/, ''),
    shopCurrency: env.SHOP_CURRENCY,
    stripe,
    mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM ?? DEFAULT_MAIL_FROM },
  };
  return cached;
}

/**
 * An absolute address on the shop, for every redirect or link sent to a browser: built from
 * APP_URL, never from the request, whose origin under `next start` or behind a proxy is localhost.
 */
export function shopUrl(pathname: `/${string}`): URL {
  return new URL(`${appConfig().appUrl}${pathname}`);
}

let appUrlWarned = false;

/**
 * Warns once when a production server runs without APP_URL (not while `next build` runs): shoppers
 * would be sent to http://localhost:3000 after paying. Returns whether it warned.
 */
export function warnIfAppUrlMissing(env: NodeJS.ProcessEnv = process.env): boolean {
  if (appUrlWarned || env.NODE_ENV !== 'production' || env.NEXT_PHASE === 'phase-production-build') return false;
  if (env.APP_URL?.trim()) return false;
  appUrlWarned = true;
  console.warn('APP_URL is not set: links and redirects to the shop (e.g. after paying at Stripe) point at http://localhost:3000. Set APP_URL to the public address.');
  return true;
}
