import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_MINOR } from './amounts';
import { currencyCodes, currencyExponent } from './currencies';
import { formatMoney, toDecimalString, toInputString } from './format';

describe('toDecimalString', () => {
  it.each([
    [50750, 'USD', '507.50'],
    [5, 'USD', '0.05'],
    [0, 'USD', '0.00'],
    [-5, 'USD', '-0.05'],
    [-123456, 'EUR', '-1234.56'],
    [1500, 'JPY', '1500'],
    [0, 'JPY', '0'],
    [-7, 'JPY', '-7'],
    [1250, 'KWD', '1.250'],
    [1, 'BHD', '0.001'],
    [1000500, 'IQD', '1000.500'],
    [MAX_AMOUNT_MINOR, 'USD', '10000000000000.00'],
    [Number.MAX_SAFE_INTEGER, 'KWD', '9007199254740.991'],
  ])('%d %s → %s', (amount, currency, expected) => {
    expect(toDecimalString(amount, currency)).toBe(expected);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %d, which is not whole minor units', (amount) => {
    expect(() => toDecimalString(amount, 'USD')).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it.each([
    [50750, 'USD', 'en-US', '$507.50'],
    [33950, 'USD', 'en-US', '$339.50'],
    [1999, 'USD', 'en-US', '$19.99'],
    [-5, 'USD', 'en-US', '-$0.05'],
    [0, 'USD', 'en-US', '$0.00'],
    [100000000, 'USD', 'en-US', '$1,000,000.00'],
    [MAX_AMOUNT_MINOR, 'USD', 'en-US', '$10,000,000,000,000.00'],
    [Number.MAX_SAFE_INTEGER, 'USD', 'en-US', '$90,071,992,547,409.91'],
    [1500, 'JPY', 'en-US', '¥1,500'],
    [1250, 'KWD', 'en-US', 'KWD 1.250'],
    [1, 'BHD', 'en-US', 'BHD 0.001'],
    [1000500, 'IQD', 'en-US', 'IQD 1,000.500'],
    [123456, 'EUR', 'en-US', '€1,234.56'],
    [123456, 'EUR', 'de-DE', '1.234,56 €'],
    [123456, 'GBP', 'en-GB', '£1,234.56'],
    [123456, 'TRY', 'tr-TR', '₺1.234,56'],
    // the shop's two locales, exponents 0, 2, 3
    [123450, 'TRY', 'tr-TR', '₺1.234,50'],
    [123450, 'TRY', 'en-US', 'TRY 1,234.50'],
    [123450, 'USD', 'en-US', '$1,234.50'],
    [123450, 'USD', 'tr-TR', '$1.234,50'],
    [1500, 'JPY', 'tr-TR', '¥1.500'],
    [1234567, 'KWD', 'tr-TR', 'KWD 1.234,567'],
    [1234567, 'KWD', 'en-US', 'KWD 1,234.567'],
    [MAX_AMOUNT_MINOR, 'TRY', 'tr-TR', '₺10.000.000.000.000,00'],
  ])('%d %s %s → %s', (amount, currency, locale, expected) => {
    // ICU separates symbol and number with a no-break space; compare with plain spaces.
    expect(formatMoney(amount, currency, locale).replace(/[\u00a0\u202f]/g, ' ')).toBe(expected);
  });

  it.each([
    [123450, 'TRY', 'tr', '1234,50'],
    [123450, 'TRY', 'en', '1234.50'],
    [1500, 'JPY', 'tr', '1500'],
    [1250, 'KWD', 'tr-TR', '1,250'],
  ])('toInputString(%d, %s, %s) → %s', (amount, currency, locale, expected) => {
    expect(toInputString(amount, currency, locale)).toBe(expected);
  });

  it('defaults to en-US', () => {
    expect(formatMoney(2500, 'USD')).toBe('$25.00');
  });

  it('never rounds: every cent of a large amount survives', () => {
    for (let cents = 0; cents < 100; cents++) {
      const amount = 9_000_000_000_000_00 + cents;
      expect(formatMoney(amount, 'USD')).toBe(`$9,000,000,000,000.${String(cents).padStart(2, '0')}`);
    }
  });

  it('shows every digit and exactly the currency exponent of decimals, for any amount', () => {
    fc.assert(
      fc.property(fc.constantFrom(...currencyCodes), fc.integer({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }), (currency, amount) => {
        const formatted = formatMoney(amount, currency);
        const digits = (text: string) => text.replace(/\D/g, '');
        expect(digits(formatted)).toBe(digits(toDecimalString(amount, currency)));
        const exponent = currencyExponent(currency);
        if (exponent > 0) expect(formatted).toMatch(new RegExp(`\\.\\d{${exponent}}\\D*$`));
        expect(formatted.includes('-')).toBe(amount < 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('throws for unknown currencies and non-integers', () => {
    expect(() => formatMoney(100, 'XYZ')).toThrow(/Unknown currency/);
    expect(() => formatMoney(1.5, 'USD')).toThrow(RangeError);
  });
});
