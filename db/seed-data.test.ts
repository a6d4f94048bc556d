import { describe, expect, it } from 'vitest';
import { currencyCodes } from '@/lib/money/currencies';
import { demoPrice, demoProducts, demoProductsIn, demoUsersIn } from './seed-data';

describe('demoPrice', () => {
  it.each([
    [2_450, 'USD', 2_450],
    [2_450, 'TRY', 98_000], // 980.00 TRY
    [12_900, 'TRY', 520_000], // 5,160.00 → 5,200.00 TRY
    [2_450, 'JPY', 3_700], // ¥3,675 → ¥3,700 (no decimals)
    [19_900, 'JPY', 30_000],
    [2_450, 'KWD', 7_500], // 7.5215 → 7.500 KWD (3 decimals)
    [33_950, 'KWD', 100_000],
    [1_650, 'BHD', 6_200], // 6.2205 → 6.200 BHD
    [75_000, 'IQD', 980_000_000], // 982,500 → 980,000.000 IQD
    [2_450, 'EUR', 2_300], // 22.54 → 23.00 EUR
  ])('%d US cents in %s is %d minor units', (usdCents, currency, minor) => {
    expect(demoPrice(usdCents, currency)).toBe(minor);
  });

  it('gives every supported currency a positive whole price for every product', () => {
    for (const currency of currencyCodes) {
      for (const product of demoProducts) {
        const price = demoPrice(product.priceMinor, currency);
        expect(Number.isSafeInteger(price) && price > 0, `${product.slug} in ${currency}: ${price}`).toBe(true);
      }
    }
  });

  it('refuses an unknown currency and amounts that are not whole cents', () => {
    expect(() => demoPrice(100, 'XXX')).toThrow(/Unknown currency/);
    for (const cents of [0, -1, 1.5, Number.NaN, 2 ** 53]) expect(() => demoPrice(cents, 'TRY')).toThrow(RangeError);
  });
});

describe('the demo catalog in each language', () => {
  it('has the same products, prices and slugs in Turkish, with Turkish names and descriptions', () => {
    const en = demoProductsIn('en');
    const tr = demoProductsIn('tr');
    expect(tr.map(({ slug, priceMinor }) => ({ slug, priceMinor }))).toEqual(en.map(({ slug, priceMinor }) => ({ slug, priceMinor })));
    for (const [index, product] of tr.entries()) {
      expect(product.name).not.toBe(en[index]?.name);
      expect(product.description).not.toBe(en[index]?.description);
    }
    expect(tr.find((product) => product.slug === 'water-bottle')?.name).toBe('Çelik Su Şişesi');
    expect(tr.map((product) => product.name).join(' ')).toMatch(/[ışğçöüİ]/);
  });

  it('signs in with the same accounts in both languages', () => {
    const strip = (users: readonly { email: string; password: string; role: string }[]) => users.map(({ email, password, role }) => ({ email, password, role }));
    expect(strip(demoUsersIn('tr'))).toEqual(strip(demoUsersIn('en')));
    expect(demoUsersIn('tr').map((user) => user.name)).toEqual(['Işıl Yılmaz', 'Haluk Demir']);
  });
});
