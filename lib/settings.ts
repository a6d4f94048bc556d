import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Query, Tx } from '@/db/database';
import { settings } from '@/db/schema';
import { appConfig } from './config';
import { AppError } from './errors';
import { canonicalTimeZone, defaultTimeZone } from './i18n/time-zone';

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
  /** The IANA zone dates and times are shown in (Europe/Istanbul); default SHOP_TIME_ZONE, else UTC. */
  timeZone: z.string().refine((zone) => canonicalTimeZone(zone) === zone, 'Not a time zone'),
  /** Whether catalog prices include tax (gross) or have it added at checkout (net). */
  pricesIncludeTax: z.boolean(),
  /** The tax rate of products without their own, in basis points (2000 = 20 %). */
  defaultTaxRateBp: z.number().int().min(0).max(10_000),
  /** Printed on invoices. */
  shopName: z.string(),
  shopAddress: z.string(),
  shopTaxNumber: z.string(),
  /** Minutes after which an order whose card payment was abandoned is cancelled by a job. */
  abandonedOrderMinutes: z.number().int().positive(),
  /** Whether members may ask for a withdrawal to their bank account from My Wallet (staff pay it out on Payouts). */
  withdrawalsEnabled: z.boolean(),
});

export type ShopSettings = z.infer<typeof settingsSchema> & { currency: string };
export type EditableSettings = z.infer<typeof settingsSchema>;

const fixedDefaults: Omit<EditableSettings, 'timeZone'> = {
  automaticInvoice: true,
  enabledPaymentMethods: ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'],
  minTopUp: 100,
  maxTopUp: 1_000_000,
  bankAccountHolder: 'Coffer Shop Ltd',
  bankIban: 'GB33 BUKB 2020 1555 5555 55',
  bankName: 'Example Bank',
  holdMinutes: 30,
  maxWalletBalance: 1_000_000_000_000,
  pricesIncludeTax: true,
  defaultTaxRateBp: 0,
  shopName: 'Coffer Shop Ltd',
  shopAddress: '',
  shopTaxNumber: '',
  abandonedOrderMinutes: 60,
  withdrawalsEnabled: false,
};

/** The defaults; the time zone's comes from the environment when asked (SHOP_TIME_ZONE). */
function defaults(): EditableSettings {
  return { ...fixedDefaults, timeZone: defaultTimeZone() };
}

const keys = [...Object.keys(fixedDefaults), 'timeZone'] as (keyof EditableSettings)[];

/**
 * The shop's settings: stored values over defaults. Read from the table on every call (no cache
 * in the process: another server may have changed them).
 */
export async function getSettings(q: Query): Promise<ShopSettings> {
  const rows = await q.select().from(settings).where(inArray(settings.key, keys));
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value);
  // A stored zone this machine's Intl does not know (older time zone data) falls back to the default.
  if (typeof stored.timeZone !== 'string' || canonicalTimeZone(stored.timeZone) !== stored.timeZone) delete stored.timeZone;
  const merged = settingsSchema.parse({ ...defaults(), ...stored });
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

/** The shop's time zone alone (one row): what every request's date formatting needs. */
export async function getShopTimeZone(q: Query): Promise<string> {
  const [row] = await q.select({ value: settings.value }).from(settings).where(eq(settings.key, 'timeZone'));
  const stored: unknown = row ? JSON.parse(row.value) : undefined;
  return (typeof stored === 'string' && canonicalTimeZone(stored)) || defaultTimeZone();
}

/**
 * Saves some settings (validated as a whole before anything is written), as a step of the caller's
 * transaction. Throws AppError SETTINGS_TOP_UP_RANGE when the minimum top-up exceeds the maximum,
 * SETTINGS_TIME_ZONE when the time zone is not an IANA zone (a name like Europe/Istanbul).
 */
export async function updateSettings(tx: Tx, changes: Partial<EditableSettings>): Promise<ShopSettings> {
  if (changes.timeZone !== undefined) {
    const timeZone = canonicalTimeZone(changes.timeZone);
    if (!timeZone) throw new AppError('SETTINGS_TIME_ZONE', { timeZone: changes.timeZone });
    changes = { ...changes, timeZone };
  }
  const { currency: _currency, ...current } = await getSettings(tx);
  const next = settingsSchema.parse({ ...current, ...changes });
  if (next.minTopUp > next.maxTopUp) {
    throw new AppError('SETTINGS_TOP_UP_RANGE', { minTopUp: next.minTopUp, maxTopUp: next.maxTopUp }, 'The minimum top-up must not exceed the maximum.');
  }
  for (const key of keys) {
    // The time zone is stored once chosen; until then it follows SHOP_TIME_ZONE.
    if (key === 'timeZone' && changes.timeZone === undefined) continue;
    const value = JSON.stringify(next[key]);
    await tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
  }
  return getSettings(tx);
}
