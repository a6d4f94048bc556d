import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_MINOR } from './amounts';
import { currencyCodes, currencyExponent } from './currencies';
import { toDecimalString, toInputString } from './format';
import { fromMajorNumber, parseAmount, type ParseAmountErrorCode } from './parse';

describe('parseAmount accepts', () => {
  it.each([
    // input, currency, minor units
    ['339.5', 'USD', 33950],
    ['339.50', 'USD', 33950],
    ['1,000.00', 'USD', 100000],
    ['1,234,567.89', 'USD', 123456789],
    [' 12 ', 'USD', 1200],
    ['\u00a012\t', 'USD', 1200],
    ['0.01', 'USD', 1],
    ['.5', 'USD', 50],
    ['007.50', 'USD', 750],
    ['19.99', 'USD', 1999],
    ['0.07', 'EUR', 7],
    ['$12', 'USD', 1200],
    ['$ 12.30', 'USD', 1230],
    ['US$12', 'USD', 1200],
    ['USD 12', 'USD', 1200],
    ['12 usd', 'USD', 1200],
    ['€9.99', 'EUR', 999],
    ['£1,000', 'GBP', 100000],
    ['R$ 5.00', 'BRL', 500],
    ['₺250', 'TRY', 25000],
    ['1500', 'JPY', 1500],
    ['¥1,500', 'JPY', 1500],
    ['1.250', 'KWD', 1250],
    ['1.25', 'KWD', 1250],
    ['0.001', 'BHD', 1],
    ['1,000.5', 'IQD', 1000500],
    ['10000000000000', 'USD', MAX_AMOUNT_MINOR],
    ['1000000000000000', 'JPY', MAX_AMOUNT_MINOR],
    ['1000000000000.000', 'KWD', MAX_AMOUNT_MINOR],
  ])('%j %s → %d', (input, currency, amount) => {
    expect(parseAmount(input, currency)).toEqual({ ok: true, amount });
    expect(parseAmount(input, currency, 'en-US')).toEqual({ ok: true, amount });
  });

  it('accepts zero only when asked', () => {
    expect(parseAmount('0', 'USD', 'en', { allowZero: true })).toEqual({ ok: true, amount: 0 });
    expect(parseAmount('0.00', 'USD', 'en', { allowZero: true })).toEqual({ ok: true, amount: 0 });
    expect(parseAmount('0,00', 'TRY', 'tr', { allowZero: true })).toEqual({ ok: true, amount: 0 });
  });
});

describe('parseAmount per locale (exponents 0, 2, 3)', () => {
  it.each<[string, string, 'en' | 'tr', number]>([
    // Turkish: a comma for decimals, points between thousands
    ['1.234,56', 'TRY', 'tr', 123456],
    ['1234,56', 'TRY', 'tr', 123456],
    ['1234', 'TRY', 'tr', 123400],
    ['339,50', 'TRY', 'tr', 33950],
    ['₺339,50', 'TRY', 'tr', 33950],
    ['1.234.567,89', 'TRY', 'tr', 123456789],
    ['1.234.567', 'TRY', 'tr', 123456700],
    ['0,5', 'TRY', 'tr', 50],
    [',5', 'TRY', 'tr', 50],
    ['12.5', 'TRY', 'tr', 1250], // a point not before three digits: only a decimal point can be meant
    ['339.50', 'TRY', 'tr', 33950], // what prefilled links (toDecimalString) carry
    ['1,250', 'KWD', 'tr', 1250],
    ['1.234,567', 'KWD', 'tr', 1234567],
    // English: a point for decimals, commas between thousands
    ['1,234.56', 'TRY', 'en', 123456],
    ['1234.56', 'TRY', 'en', 123456],
    ['1,234', 'TRY', 'en', 123400],
    ['1,500', 'JPY', 'en', 1500],
    ['1.234', 'KWD', 'en', 1234],
    ['1,234.567', 'KWD', 'en', 1234567],
  ])('%j %s %s → %d', (input, currency, locale, amount) => {
    expect(parseAmount(input, currency, locale)).toEqual({ ok: true, amount });
  });

  it.each<[string, string, 'en' | 'tr', ParseAmountErrorCode, Record<string, unknown>]>([
    // Could mean two amounts: Turkish thousands, or an English decimal point. Never guessed.
    ['1.234', 'TRY', 'tr', 'AMOUNT_AMBIGUOUS', { text: '1.234', example: '1.234,00' }],
    ['12.500', 'TRY', 'tr', 'AMOUNT_AMBIGUOUS', { text: '12.500', example: '12.500,00' }],
    ['1.500', 'JPY', 'tr', 'AMOUNT_AMBIGUOUS', { text: '1.500', example: '1500' }],
    ['1.250', 'KWD', 'tr', 'AMOUNT_AMBIGUOUS', { text: '1.250', example: '1.250,000' }],
    // The other locale's way of writing
    ['1,234.56', 'TRY', 'tr', 'AMOUNT_GROUPING', { example: '1.000,00' }],
    ['12,50', 'USD', 'en', 'AMOUNT_GROUPING', { example: '1,000.00' }],
    ['1.234,56', 'USD', 'en', 'AMOUNT_GROUPING', { example: '1,000.00' }],
    ['1,5', 'JPY', 'en', 'AMOUNT_GROUPING', { example: '1,000' }],
    // Too many decimals for the currency
    ['1,234', 'TRY', 'tr', 'AMOUNT_TOO_MANY_DECIMALS', { decimals: 2, currency: 'TRY' }],
    ['1.234', 'USD', 'en', 'AMOUNT_TOO_MANY_DECIMALS', { decimals: 2, currency: 'USD' }],
    ['1,5', 'JPY', 'tr', 'AMOUNT_TOO_MANY_DECIMALS', { decimals: 0, currency: 'JPY' }],
    ['1,2345', 'KWD', 'tr', 'AMOUNT_TOO_MANY_DECIMALS', { decimals: 3, currency: 'KWD' }],
    ['1.2345', 'KWD', 'en', 'AMOUNT_TOO_MANY_DECIMALS', { decimals: 3, currency: 'KWD' }],
    // Everything else, with the locale's example
    ['', 'TRY', 'tr', 'AMOUNT_EMPTY', { example: '25,00' }],
    ['', 'KWD', 'tr', 'AMOUNT_EMPTY', { example: '25,000' }],
    ['', 'JPY', 'tr', 'AMOUNT_EMPTY', { example: '2500' }],
    ['abc', 'TRY', 'tr', 'AMOUNT_NOT_A_NUMBER', { example: '25,00' }],
    ['-5', 'TRY', 'tr', 'AMOUNT_NEGATIVE', {}],
    ['0,00', 'TRY', 'tr', 'AMOUNT_ZERO', {}],
    ['10.000.000.000.000,01', 'TRY', 'tr', 'AMOUNT_TOO_LARGE', { max: MAX_AMOUNT_MINOR, currency: 'TRY' }],
  ])('%j %s %s → %s', (input, currency, locale, code, params) => {
    expect(parseAmount(input, currency, locale)).toMatchObject({ ok: false, code, params });
  });
});

describe('parseAmount refuses', () => {
  it.each<[string, string, ParseAmountErrorCode, string?]>([
    ['', 'USD', 'AMOUNT_EMPTY', 'Enter an amount such as 25.00.'],
    ['   ', 'USD', 'AMOUNT_EMPTY'],
    ['', 'JPY', 'AMOUNT_EMPTY', 'Enter an amount such as 2500.'],
    ['', 'KWD', 'AMOUNT_EMPTY', 'Enter an amount such as 25.000.'],
    ['abc', 'USD', 'AMOUNT_NOT_A_NUMBER', 'Enter an amount such as 25.00.'],
    ['NaN', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['Infinity', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['-Infinity', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['1e3', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['1E3', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['0x10', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['1_000', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['1.2.3', 'USD', 'AMOUNT_GROUPING'],
    ['5.', 'USD', 'AMOUNT_GROUPING'],
    ['.', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['+5', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['1 000', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['١٢', 'AED', 'AMOUNT_NOT_A_NUMBER'],
    ['€12', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['$12', 'EUR', 'AMOUNT_NOT_A_NUMBER'],
    ['USD', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['--5', 'USD', 'AMOUNT_NOT_A_NUMBER'],
    ['1,00', 'USD', 'AMOUNT_GROUPING', 'Use a point for decimals and commas only between thousands, as in 1,000.00.'],
    ['12,5', 'EUR', 'AMOUNT_GROUPING'],
    ['1,0000', 'USD', 'AMOUNT_GROUPING'],
    ['10,00,000', 'USD', 'AMOUNT_GROUPING'],
    [',100', 'USD', 'AMOUNT_GROUPING'],
    ['0,100', 'USD', 'AMOUNT_GROUPING'],
    ['1,000,00', 'USD', 'AMOUNT_GROUPING'],
    ['10.001', 'USD', 'AMOUNT_TOO_MANY_DECIMALS', 'USD amounts have at most 2 decimals.'],
    ['10.000', 'USD', 'AMOUNT_TOO_MANY_DECIMALS'],
    ['1.5', 'JPY', 'AMOUNT_TOO_MANY_DECIMALS', 'JPY amounts have no decimals.'],
    ['1.0', 'JPY', 'AMOUNT_TOO_MANY_DECIMALS'],
    ['1.2345', 'KWD', 'AMOUNT_TOO_MANY_DECIMALS', 'KWD amounts have at most 3 decimals.'],
    ['-5', 'USD', 'AMOUNT_NEGATIVE', 'The amount cannot be negative.'],
    ['\u22125', 'USD', 'AMOUNT_NEGATIVE'],
    ['-$5', 'USD', 'AMOUNT_NEGATIVE'],
    ['$-5', 'USD', 'AMOUNT_NEGATIVE'],
    ['-0', 'USD', 'AMOUNT_NEGATIVE'],
    ['0', 'USD', 'AMOUNT_ZERO', 'Enter an amount greater than zero.'],
    ['0.00', 'USD', 'AMOUNT_ZERO'],
    ['.0', 'USD', 'AMOUNT_ZERO'],
    ['10000000000000.01', 'USD', 'AMOUNT_TOO_LARGE', 'Enter at most $10,000,000,000,000.00.'],
    ['99999999999999999999999', 'USD', 'AMOUNT_TOO_LARGE'],
    ['1000000000000001', 'JPY', 'AMOUNT_TOO_LARGE'],
  ])('%j %s → %s', (input, currency, code, message) => {
    const result = parseAmount(input, currency, 'en');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    if (message) expect(result.message).toBe(message);
    expect(result.message).toMatch(/^[A-Z].*\.$/);
  });

  it('refuses a minus sign even when zero is allowed', () => {
    expect(parseAmount('-0', 'USD', 'en', { allowZero: true })).toMatchObject({ ok: false, code: 'AMOUNT_NEGATIVE' });
  });

  it('throws for a currency outside the table', () => {
    expect(() => parseAmount('1', 'XYZ')).toThrow(/Unknown currency/);
  });
});

describe('fromMajorNumber', () => {
  it.each([
    [100.5, 'USD', 10050],
    [0.1, 'USD', 10],
    [19.99, 'USD', 1999],
    [1.005, 'USD', null],
    [0.1 + 0.2, 'USD', null],
    [1500, 'JPY', 1500],
    [1500.5, 'JPY', null],
    [1.25, 'KWD', 1250],
    [1e-7, 'USD', null],
    [1e21, 'USD', null],
    [1e20, 'USD', null],
    [-5, 'USD', null],
    [0, 'USD', null],
    [-0, 'USD', null],
    [Number.NaN, 'USD', null],
    [Number.POSITIVE_INFINITY, 'USD', null],
  ])('%d %s → %s', (value, currency, amount) => {
    const result = fromMajorNumber(value, currency);
    if (amount === null) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, amount });
  });

  it('names the problem', () => {
    expect(fromMajorNumber(1e-7, 'USD')).toMatchObject({ code: 'AMOUNT_TOO_MANY_DECIMALS' });
    expect(fromMajorNumber(1e21, 'USD')).toMatchObject({ code: 'AMOUNT_TOO_LARGE' });
    expect(fromMajorNumber(-1e21, 'USD')).toMatchObject({ code: 'AMOUNT_NEGATIVE' });
    expect(fromMajorNumber(Number.NaN, 'USD')).toMatchObject({ code: 'AMOUNT_NOT_A_NUMBER' });
    expect(fromMajorNumber(0, 'USD', { allowZero: true })).toEqual({ ok: true, amount: 0 });
  });
});

describe('round trip', () => {
  it('parseAmount(toInputString(a, locale), locale) === a in both locales, exponents 0, 2, 3', () => {
    fc.assert(
      fc.property(fc.constantFrom('JPY', 'TRY', 'USD', 'KWD'), fc.constantFrom('en', 'tr'), fc.integer({ min: 1, max: MAX_AMOUNT_MINOR }), (currency, locale, amount) => {
        expect(parseAmount(toInputString(amount, currency, locale), currency, locale)).toEqual({ ok: true, amount });
      }),
      { numRuns: 1000 },
    );
  });

  it('parseAmount(toDecimalString(a)) === a for every currency and amount', () => {
    fc.assert(
      fc.property(fc.constantFrom(...currencyCodes), fc.integer({ min: 1, max: MAX_AMOUNT_MINOR }), (currency, amount) => {
        expect(parseAmount(toDecimalString(amount, currency), currency)).toEqual({ ok: true, amount });
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with exact decimal arithmetic on random strings', () => {
    const decimal = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 4 }));
    fc.assert(
      fc.property(fc.constantFrom(...currencyCodes), decimal, (currency, [whole, fraction]) => {
        const input = fraction === '' ? String(whole) : `${whole}.${fraction}`;
        const exponent = currencyExponent(currency);
        const result = parseAmount(input, currency, 'en', { allowZero: true });
        if (fraction.length > exponent) {
          expect(result).toMatchObject({ ok: false, code: 'AMOUNT_TOO_MANY_DECIMALS' });
        } else {
          const expected = whole * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
          if (expected > BigInt(MAX_AMOUNT_MINOR)) expect(result).toMatchObject({ ok: false, code: 'AMOUNT_TOO_LARGE' });
          else expect(result).toEqual({ ok: true, amount: Number(expected) });
        }
      }),
      { numRuns: 2000 },
    );
  });
});
