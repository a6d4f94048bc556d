import { currencies, isCurrencyCode, UnknownCurrencyError, type CurrencyCode } from '@/lib/money/currencies';

/**
 * About what 1,000 US dollars buy in each currency, in its major units (mid-2026, rounded): enough
 * for demo prices that look right in the shop currency. A new currency must get a line here.
 */
const unitsPerThousandUsd = {
  AED: 3_670,
  ARS: 1_200_000,
  AZN: 1_700,
  BHD: 377,
  BRL: 5_500,
  CNY: 7_200,
  EGP: 49_000,
  EUR: 920,
  GBP: 790,
  IQD: 1_310_000,
  JPY: 150_000,
  KWD: 307,
  KZT: 500_000,
  RUB: 90_000,
  SAR: 3_750,
  TRY: 40_000,
  USD: 1_000,
} as const satisfies Record<CurrencyCode, number>;

/** Rounds the fraction num/den half up to two significant digits (at least 1): 97.4 → 97, 5215 → 5200. */
function roundToTwoDigits(num: bigint, den: bigint): bigint {
  const whole = num / den;
  const step = whole < 100n ? 1n : 10n ** BigInt(whole.toString().length - 2);
  const rounded = ((2n * num + den * step) / (2n * den * step)) * step;
  return rounded > 0n ? rounded : 1n;
}

/**
 * A demo price given in US cents, in minor units of `currency`: exact for USD, otherwise converted
 * and rounded to two significant digits (24.50 USD → 980.00 TRY, 3,700 JPY, 7.500 KWD). Integers only.
 */
export function demoPrice(usdCents: number, currency: string): number {
  if (!Number.isSafeInteger(usdCents) || usdCents <= 0) throw new RangeError(`demoPrice: ${usdCents} is not a positive whole number of cents`);
  if (!isCurrencyCode(currency)) throw new UnknownCurrencyError(currency);
  if (currency === 'USD') return usdCents;
  const minorPerMajor = 10n ** BigInt(currencies[currency].exponent);
  // cents × (units per 1,000 USD) × minor per unit ÷ (100 cents × 1,000 USD)
  return Number(roundToTwoDigits(BigInt(usdCents) * BigInt(unitsPerThousandUsd[currency]) * minorPerMajor, 100_000n));
}

/** The demo catalog. Prices are exact minor units (USD cents), converted with demoPrice for another shop currency. */
export const demoProducts = [
  { slug: 'canvas-tote', name: 'Canvas Tote Bag', priceMinor: 2450, description: 'Heavy cotton canvas with long handles and an inside pocket. Carries a week of groceries.' },
  { slug: 'ceramic-mug', name: 'Ceramic Mug', priceMinor: 1800, description: 'Hand-glazed stoneware, 350 ml, dishwasher safe.' },
  { slug: 'wool-scarf', name: 'Merino Wool Scarf', priceMinor: 5900, description: 'Soft extra-fine merino, 180 × 30 cm, knitted in Portugal.' },
  { slug: 'desk-lamp', name: 'Brass Desk Lamp', priceMinor: 12900, description: 'Adjustable arm, warm LED, solid brass base.' },
  { slug: 'notebook-set', name: 'Dot-Grid Notebook Set', priceMinor: 2250, description: 'Three A5 notebooks, 120 g paper that takes fountain pens.' },
  { slug: 'pour-over', name: 'Pour-Over Coffee Set', priceMinor: 4700, description: 'Glass carafe, ceramic dripper and 100 filters.' },
  { slug: 'linen-shirt', name: 'Linen Shirt', priceMinor: 7400, description: 'Washed European linen, relaxed fit, mother-of-pearl buttons.' },
  { slug: 'card-holder', name: 'Leather Card Holder', priceMinor: 3900, description: 'Vegetable-tanned leather, six card slots, ages beautifully.' },
  { slug: 'plant-pot', name: 'Terracotta Plant Pot', priceMinor: 1650, description: 'Unglazed terracotta with saucer, 18 cm.' },
  { slug: 'headphones', name: 'Wireless Headphones', priceMinor: 19900, description: 'Noise cancelling, 30-hour battery, folds flat.' },
  { slug: 'cast-iron-pan', name: 'Cast Iron Skillet', priceMinor: 5500, description: 'Pre-seasoned 26 cm skillet for stove, oven and fire.' },
  { slug: 'reading-chair', name: 'Reading Armchair', priceMinor: 75000, description: 'Oak frame, wool upholstery, made to order.' },
  { slug: 'wall-clock', name: 'Oak Wall Clock', priceMinor: 8900, description: 'Silent sweep movement in a solid oak dial, 30 cm.' },
  { slug: 'water-bottle', name: 'Steel Water Bottle', priceMinor: 2900, description: 'Double-walled, keeps drinks cold for 24 hours, 750 ml.' },
] as const;

export const demoUsers = [
  { email: 'shopper@example.com', name: 'Sam Shopper', password: 'shopper123', role: 'customer' },
  { email: 'staff@example.com', name: 'Stella Staff', password: 'staff123', role: 'staff' },
] as const;
