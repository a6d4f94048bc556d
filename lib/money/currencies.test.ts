import { describe, expect, it } from 'vitest';
import { currencies, currencyCodes, currencyExponent, isCurrencyCode } from './currencies';

describe('currencies', () => {
  it.each([
    ['TRY', 2], ['USD', 2], ['EUR', 2], ['GBP', 2], ['CNY', 2], ['ARS', 2], ['BRL', 2], ['AED', 2],
    ['AZN', 2], ['KZT', 2], ['SAR', 2], ['RUB', 2], ['EGP', 2],
    ['IQD', 3], ['KWD', 3], ['BHD', 3],
    ['JPY', 0],
  ])('%s has %d decimals', (code, exponent) => {
    expect(isCurrencyCode(code)).toBe(true);
    expect(currencyExponent(code)).toBe(exponent);
  });

  it.each(['usd', 'XYZ', '', 'US', 'toString', '__proto__', 42, null])('%j is not a currency code', (value) => {
    expect(isCurrencyCode(value)).toBe(false);
  });

  it('lists every code once, each accepted by Intl', () => {
    expect(new Set(currencyCodes).size).toBe(Object.keys(currencies).length);
    for (const code of currencyCodes) {
      expect(new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).resolvedOptions().currency).toBe(code);
    }
  });
});
