import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Query, Tx } from '@/db/database';
import { settings } from '@/db/schema';
import { appConfig } from './config';
import { AppError } from './errors';

const settingsSchema = z.object({
  automaticInvoice: z.boolean(),
  /** Ways of paying at checkout that the shop offers. */
  enabledPaymentMethods: z.array(z.enum(['wallet', 'card', 'wire_transfer', 'cash_on_delivery'])),
  /** Smallest and largest top-up in minor units of the shop currency. */
  minTopUp: z.number().int().positive(),
  maxTopUp: z.number().int().positive(),
  bankAccountHolder: z.string(),
  bankIban: z.string(),
  bankName: z.string(),
  /** Minutes a wallet hold waits for the card part of a split payment. */
  holdMinutes: z.number().int().positive(),
  /** The most a wallet may hold (posted plus top-ups on their way), in minor units; keeps sums exact. */
  maxWalletBalance: z.number().int().positive().max(1_000_000_000_000_000),
});

export type ShopSettings = z.infer<typeof settingsSchema> & { currency: string };
export type EditableSettings = z.infer<typeof settingsSchema>;

const defaults: EditableSettings = {
  automaticInvoice: true,
  enabledPaymentMethods: ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'],
  minTopUp: 100,
  maxTopUp: 1_000_000,
  bankAccountHolder: 'Coffer Shop Ltd',
  bankIban: 'GB33 BUKB 2020 1555 5555 55',
  bankName: 'Example Bank',
  holdMinutes: 30,
  maxWalletBalance: 1_000_000_000_000,
};

const keys = Object.keys(defaults) as (keyof EditableSettings)[];

/**
 * The shop's settings: stored values over defaults. Read from the table on every call (no cache
 * in the process: another server may have changed them).
 */
export async function getSettings(q: Query): Promise<ShopSettings> {
  const rows = await q.select().from(settings).where(inArray(settings.key, keys));
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value);
  const merged = settingsSchema.parse({ ...defaults, ...stored });
  return { ...merged, currency: appConfig().shopCurrency };
}

/** A way of paying that staff can turn on or off in Settings. */
export type ShopPaymentMethod = EditableSettings['enabledPaymentMethods'][number];

/**
 * True when staff offer every one of `methods` now: the one check each way of paying makes on the
 * server before it starts taking money (never when completing money a provider already took).
 */
export async function isPaymentMethodEnabled(q: Query, ...methods: [ShopPaymentMethod, ...ShopPaymentMethod[]]): Promise<boolean> {
  const { enabledPaymentMethods } = await getSettings(q);
  return methods.every((method) => enabledPaymentMethods.includes(method));
}

/**
 * Saves some settings (validated as a whole before anything is written), as a step of the caller's
 * transaction. Throws AppError SETTINGS_TOP_UP_RANGE when the minimum top-up exceeds the maximum.
 */
export async function updateSettings(tx: Tx, changes: Partial<EditableSettings>): Promise<ShopSettings> {
  const { currency: _currency, ...current } = await getSettings(tx);
  const next = settingsSchema.parse({ ...current, ...changes });
  if (next.minTopUp > next.maxTopUp) {
    throw new AppError('SETTINGS_TOP_UP_RANGE', { minTopUp: next.minTopUp, maxTopUp: next.maxTopUp }, 'The minimum top-up must not exceed the maximum.');
  }
  for (const key of keys) {
    const value = JSON.stringify(next[key]);
    await tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
  }
  return getSettings(tx);
}
