/**
 * ISO 4217 currencies the shop can hold, with their exponent (digits after the decimal point)
 * and the symbols a shopper may type before an amount. Exponents come from ISO 4217, not from
 * Intl: ICU shows IQD with 0 decimals, but the currency has 3 and so do our amounts.
 */
export const currencies = {
  AED: { name: 'UAE dirham', exponent: 2, symbols: [] },
  ARS: { name: 'Argentine peso', exponent: 2, symbols: ['$'] },
  AZN: { name: 'Azerbaijani manat', exponent: 2, symbols: ['₼'] },
  BHD: { name: 'Bahraini dinar', exponent: 3, symbols: [] },
  BRL: { name: 'Brazilian real', exponent: 2, symbols: ['R$'] },
  CNY: { name: 'Chinese yuan', exponent: 2, symbols: ['¥', '￥'] },
  EGP: { name: 'Egyptian pound', exponent: 2, symbols: ['E£'] },
  EUR: { name: 'Euro', exponent: 2, symbols: ['€'] },
  GBP: { name: 'Pound sterling', exponent: 2, symbols: ['£'] },
  IQD: { name: 'Iraqi dinar', exponent: 3, symbols: [] },
  JPY: { name: 'Japanese yen', exponent: 0, symbols: ['¥', '￥'] },
  KWD: { name: 'Kuwaiti dinar', exponent: 3, symbols: [] },
  KZT: { name: 'Kazakhstani tenge', exponent: 2, symbols: ['₸'] },
  RUB: { name: 'Russian ruble', exponent: 2, symbols: ['₽'] },
  SAR: { name: 'Saudi riyal', exponent: 2, symbols: [] },
  TRY: { name: 'Turkish lira', exponent: 2, symbols: ['₺'] },
  USD: { name: 'US dollar', exponent: 2, symbols: ['$', 'US$'] },
} as const satisfies Record<string, { name: string; exponent: 0 | 2 | 3; symbols: readonly string[] }>;

export type CurrencyCode = keyof typeof currencies;
export type CurrencyInfo = (typeof currencies)[CurrencyCode];

/** Every supported currency code, alphabetically. */
export const currencyCodes = Object.keys(currencies) as CurrencyCode[];

/** True when `value` is a supported ISO 4217 code (upper case, e.g. "USD"). */
export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && Object.hasOwn(currencies, value);
}

/** Thrown when code asks about a currency the table does not know: a programming error. */
export class UnknownCurrencyError extends RangeError {
  readonly code = 'UNKNOWN_CURRENCY';
  constructor(readonly currency: string) {
    super(`Unknown currency "${currency}".`);
  }
}

/** The table entry for a code; throws UnknownCurrencyError for anything else. */
export function currencyInfo(currency: string): CurrencyInfo {
  if (!isCurrencyCode(currency)) throw new UnknownCurrencyError(currency);
  return currencies[currency];
}

/** Digits after the decimal point for a currency: JPY 0, USD 2, KWD 3. */
export function currencyExponent(currency: string): number {
  return currencyInfo(currency).exponent;
}
