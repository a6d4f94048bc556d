import type { Query } from '@/db/database';
import { fromMajorNumber, toDecimalString } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { invalidField, unsupported } from './errors';

/** The currency every API amount is in: the shop's. */
export async function shopCurrency(q: Query): Promise<string> {
  return (await getSettings(q)).currency;
}

/** Refuses any currency but the shop's (the wallets hold only that one). */
export async function requireShopCurrency(q: Query, currency: string, field = 'currency'): Promise<string> {
  const shop = await shopCurrency(q);
  if (currency !== shop) throw unsupported(`${field}: this shop's wallets hold ${shop} only.`);
  return shop;
}

/** A JSON number in major units (100.5) → exact minor units, via its shortest decimal string. */
export function toMinor(value: number, currency: string, field: string, options: { allowZero?: boolean } = {}): number {
  const parsed = fromMajorNumber(value, currency, options);
  if (!parsed.ok) throw invalidField(field, parsed.message);
  return parsed.amount;
}

/** Minor units → a JSON number in major units (10050 USD → 100.5). */
export function toMajor(minor: number, currency: string): number {
  return Number(toDecimalString(minor, currency));
}

/** The platform's date-time format: UTC without zone, e.g. 2026-11-23T12:00:00. */
export function platformDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}
