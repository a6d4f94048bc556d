import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, shopLocale } from './locales';

describe('localeFromAcceptLanguage', () => {
  it.each([
    ['tr-TR,tr;q=0.9,en-US;q=0.8,en;q=0.7', 'tr'],
    ['en-GB,en;q=0.9,tr;q=0.8', 'en'],
    ['de-DE,de;q=0.9,tr;q=0.5,en;q=0.4', 'tr'],
    ['fr,de', undefined],
    ['tr;q=0,en;q=0.1', 'en'],
    ['', undefined],
    [null, undefined],
  ])('%s → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('shopLocale', () => {
  it('is SHOP_LOCALE when we speak it, else English', () => {
    expect(shopLocale({ SHOP_LOCALE: 'tr' })).toBe('tr');
    expect(shopLocale({ SHOP_LOCALE: 'TR ' })).toBe('tr');
    expect(shopLocale({ SHOP_LOCALE: 'de' })).toBe('en');
    expect(shopLocale({})).toBe('en');
  });
});
