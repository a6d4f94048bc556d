import type { CurrencyCode } from './currencies';

/** An exact amount: integer minor units (cents, fils, yen) of one currency. */
export type Money = { amount: number; currency: CurrencyCode };

/**
 * The largest amount we accept anywhere, in minor units (10^15: ten trillion dollars). It sits
 * far below Number.MAX_SAFE_INTEGER (≈ 9·10^15) so that sums of several amounts stay exact too.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000_000;

/** True for an integer number of minor units that money code may hold (sign allowed). */
export function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= MAX_AMOUNT_MINOR;
}

/** True for an amount a transfer may move: a whole number of minor units, 1 to MAX_AMOUNT_MINOR. */
export function isPositiveAmount(value: unknown): value is number {
  return isAmount(value) && value > 0;
}
