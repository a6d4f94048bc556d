import { currencyExponent } from './currencies';

function assertMinorUnits(amount: number): void {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Money amounts are whole minor units; got ${String(amount)}.`);
  }
}

/**
 * The amount as a plain decimal string in major units, without grouping or symbol:
 * 50750 USD → "507.50", 1500 JPY → "1500", 1250 KWD → "1.250", -5 USD → "-0.05".
 * Meant for URLs and input values; parseAmount reads it back to the same amount.
 */
export function toDecimalString(amount: number, currency: string): string {
  assertMinorUnits(amount);
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(amount));
  const sign = amount < 0 ? '-' : '';
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/**
 * The amount as a person of `locale` types it into an amount field (no grouping, no symbol):
 * 123450 TRY → "1234.50" (en) or "1234,50" (tr). parseAmount(…, locale) reads it back.
 */
export function toInputString(amount: number, currency: string, locale: string = 'en'): string {
  const decimal = toDecimalString(amount, currency);
  return locale.toLowerCase().startsWith('tr') ? decimal.replace('.', ',') : decimal;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string, exponent: number): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let cached = formatters.get(key);
  if (!cached) {
    // The ISO exponent is passed explicitly: ICU's own digits differ for some codes (IQD: 0).
    cached = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * The amount for people, e.g. 50750 USD → "$507.50" (en-US), 1250 KWD → "KWD 1.250".
 * Exact for every exponent: Intl receives a decimal string, never a float quotient.
 */
export function formatMoney(amount: number, currency: string, locale = 'en-US'): string {
  const exponent = currencyExponent(currency);
  const decimal = toDecimalString(amount, currency);
  if (!isDecimalLiteral(decimal)) throw new RangeError(`Not a decimal: ${decimal}`);
  return formatter(currency, locale, exponent).format(decimal);
}

function isDecimalLiteral(value: string): value is `${number}` {
  return /^-?\d+(\.\d+)?$/.test(value);
}
