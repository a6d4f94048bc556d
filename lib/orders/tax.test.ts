import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_MINOR } from '@/lib/money';
import { parseRatePercent, rateToPercentText, sumTaxed, taxFromGross, taxFromNet, taxLine, totalsByRate, type Taxed } from './tax';

describe('the rounding rule, by hand', () => {
  it.each([
    // [what, amount, rate bp, prices include tax, net, tax, gross]
    ['20 % inside 120.00 gross', 12_000, 2000, true, 10_000, 2000, 12_000],
    ['20 % on 100.00 net', 10_000, 2000, false, 10_000, 2000, 12_000],
    ['18 % inside 0.01 gross (0.0015… rounds to 0)', 1, 1800, true, 1, 0, 1],
    ['18 % on 0.01 net (0.0018 rounds to 0)', 1, 1800, false, 1, 0, 1],
    ['18 % inside 0.06 gross (0.00915… rounds to 0.01)', 6, 1800, true, 5, 1, 6],
    ['18 % inside 100.00 gross (15.2542… → 15.25)', 10_000, 1800, true, 8475, 1525, 10_000],
    ['18 % on 19.99 net (3.5982 → 3.60)', 1999, 1800, false, 1999, 360, 2359],
    ['half up: 10 % on 0.05 net is 0.005 → 0.01', 5, 1000, false, 5, 1, 6],
    ['half up: 20 % inside 0.03 gross is 0.005 → 0.01', 3, 2000, true, 2, 1, 3],
    ['JPY (no decimals): 10 % inside ¥1,000 (90.9 → 91)', 1000, 1000, true, 909, 91, 1000],
    ['JPY: 8 % on ¥1,234 net (98.72 → 99)', 1234, 800, false, 1234, 99, 1333],
    ['rate 0', 12_345, 0, true, 12_345, 0, 12_345],
    ['100 % on net', 500, 10_000, false, 500, 500, 1000],
    ['100 % inside gross', 1000, 10_000, true, 500, 500, 1000],
    ['nothing', 0, 2000, true, 0, 0, 0],
  ] as const)('%s', (_what, amount, rateBp, included, net, tax, gross) => {
    expect(taxLine(amount, rateBp, included)).toEqual({ net, tax, gross });
  });

  it('stays exact where a float product would not: the largest amount at 18 %', () => {
    // 900,000,000,000,000 × 1,800 is far beyond 2^53; BigInt keeps it exact.
    const gross = MAX_AMOUNT_MINOR;
    const { net, tax } = taxFromGross(gross, 1800);
    expect(net + tax).toBe(gross);
    const exact = (BigInt(gross) * 1800n * 2n + 11_800n) / (2n * 11_800n);
    expect(BigInt(tax)).toBe(exact);
  });

  it('refuses what is not minor units or a rate', () => {
    expect(() => taxFromNet(1.5, 1800)).toThrow(RangeError);
    expect(() => taxFromGross(100, -1)).toThrow(RangeError);
    expect(() => taxFromGross(100, 10_001)).toThrow(RangeError);
    expect(() => taxFromGross(100, 18.5)).toThrow(RangeError);
  });
});

const amount = fc.integer({ min: 0, max: MAX_AMOUNT_MINOR });
const rate = fc.integer({ min: 0, max: 10_000 });
const line = fc.record({ amount: fc.integer({ min: 0, max: 10_000_000_000 }), rateBp: rate, included: fc.boolean() });

describe('properties', () => {
  it('per line: net + tax = gross, tax ≥ 0, the price is kept, rate 0 → no tax', () => {
    fc.assert(
      fc.property(amount, rate, fc.boolean(), (value, rateBp, included) => {
        const taxed = taxLine(value, rateBp, included);
        expect(taxed.net + taxed.tax).toBe(taxed.gross);
        expect(taxed.tax).toBeGreaterThanOrEqual(0);
        expect(included ? taxed.gross : taxed.net).toBe(value);
        if (rateBp === 0) expect(taxed.tax).toBe(0);
        // Rounded to the nearest minor unit: within half a unit of the exact tax.
        const exactTimesDenominator = BigInt(included ? taxed.gross : taxed.net) * BigInt(rateBp);
        const denominator = BigInt(included ? 10_000 + rateBp : 10_000);
        const error = BigInt(taxed.tax) * denominator - exactTimesDenominator;
        expect(2n * (error < 0n ? -error : error) <= denominator).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('per order: the totals are the sums of the lines, and no minor unit is lost by rate', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const taxed: (Taxed & { rateBp: number })[] = lines.map((l) => ({ ...taxLine(l.amount, l.rateBp, l.included), rateBp: l.rateBp }));
        const order = sumTaxed(taxed);
        expect(order.net + order.tax).toBe(order.gross);
        expect(order.gross).toBe(taxed.reduce((sum, l) => sum + l.gross, 0));
        const rows = totalsByRate(taxed.map((l) => ({ taxRateBp: l.rateBp, amountNet: l.net, amountTax: l.tax, amount: l.gross })));
        expect(sumTaxed(rows)).toEqual(order);
        expect(rows.map((row) => row.taxRateBp)).toEqual([...new Set(lines.map((l) => l.rateBp))].sort((a, b) => a - b));
        for (const row of rows) expect(row.net + row.tax).toBe(row.gross);
      }),
      { numRuns: 500 },
    );
  });
});

describe('totalsByRate', () => {
  it('groups stored lines by rate, lowest first', () => {
    expect(
      totalsByRate([
        { taxRateBp: 2000, amountNet: 1000, amountTax: 200, amount: 1200 },
        { taxRateBp: 800, amountNet: 500, amountTax: 40, amount: 540 },
        { taxRateBp: 2000, amountNet: 417, amountTax: 83, amount: 500 },
      ]),
    ).toEqual([
      { taxRateBp: 800, net: 500, tax: 40, gross: 540 },
      { taxRateBp: 2000, net: 1417, tax: 283, gross: 1700 },
    ]);
    expect(totalsByRate([])).toEqual([]);
  });
});

describe('rates as people write them', () => {
  it.each([
    ['18', 1800],
    ['8.5', 850],
    ['7,25', 725],
    ['18 %', 1800],
    [' 0 ', 0],
    ['100', 10_000],
    ['100.01', undefined],
    ['101', undefined],
    ['-1', undefined],
    ['1.234', undefined],
    ['', undefined],
    ['abc', undefined],
    ['1e2', undefined],
  ])('%j → %s', (text, expected) => {
    expect(parseRatePercent(text)).toBe(expected);
  });

  it('prints them back the same way', () => {
    expect([1800, 850, 725, 0, 10_000, 5].map((bp) => rateToPercentText(bp))).toEqual(['18', '8.5', '7.25', '0', '100', '0.05']);
    expect(rateToPercentText(850, ',')).toBe('8,5');
    fc.assert(fc.property(rate, (bp) => parseRatePercent(rateToPercentText(bp)) === bp && parseRatePercent(rateToPercentText(bp, ',')) === bp));
  });
});
