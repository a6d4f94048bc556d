import { describe, expect, it } from 'vitest';
import { capitalizeFor, compareTurkish, lowerFor, searchKey, slugify, upperFor } from './turkish';

describe('searchKey', () => {
  it.each([
    ['ISTANBUL', 'istanbul'],
    ['İstanbul', 'istanbul'],
    ['istanbul', 'istanbul'],
    ['ıstanbul', 'istanbul'],
    ['Işıl', 'isil'],
    ['IŞIL', 'isil'],
    ['ışıl', 'isil'],
    ['ISIL', 'isil'],
    ['isil', 'isil'],
    ['Haluk Demir', 'haluk demir'],
    ['HALUK', 'haluk'],
    ['Çağrı Öztürk', 'cagri ozturk'],
    ['ŞÜKRÜ GÜNEŞ', 'sukru gunes'],
    ['Ğ ğ Ç ç Ö ö Ü ü Ş ş', 'g g c c o o u u s s'],
    ['  Ayşe   Yılmaz ', 'ayse yilmaz'],
    ['Kâmil Îmer Ûlkü', 'kamil imer ulku'],
    ['I\u0307stanbul', 'istanbul'], // İ written as I + combining dot above
    ['Ada@Example.COM', 'ada@example.com'],
    ['José Müller', 'jose muller'],
  ])('%s → %s', (text, key) => {
    expect(searchKey(text)).toBe(key);
  });

  it('the same word in any casing gives one key', () => {
    const spellings = ['ISTANBUL', 'İstanbul', 'istanbul', 'İSTANBUL', 'Istanbul', 'ıstanbul'];
    expect(new Set(spellings.map(searchKey))).toEqual(new Set(['istanbul']));
  });
});

describe('slugify', () => {
  it.each([
    ['Işıklı Çay Bardağı', 'isikli-cay-bardagi'],
    ['İNCE Şal', 'ince-sal'],
    ['Göğüs Çantası (Deri)', 'gogus-cantasi-deri'],
    ['Üzüm & Ölçü', 'uzum-olcu'],
    ['  --Kanvas Çanta--  ', 'kanvas-canta'],
    ['Dot-Grid Notebook Set', 'dot-grid-notebook-set'],
    ['350 ml Kupa', '350-ml-kupa'],
  ])('%s → %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});

describe('compareTurkish', () => {
  it('sorts by the Turkish alphabet', () => {
    const names = ['Zeynep', 'Şule', 'Çağla', 'İpek', 'Ilgaz', 'Selin', 'Cem', 'Ümit', 'Uğur', 'Öykü', 'Orhan', 'Deniz'];
    expect([...names].sort(compareTurkish)).toEqual(['Cem', 'Çağla', 'Deniz', 'Ilgaz', 'İpek', 'Orhan', 'Öykü', 'Selin', 'Şule', 'Uğur', 'Ümit', 'Zeynep']);
  });
  it('ignores case', () => {
    expect(compareTurkish('ışık', 'IŞIK')).toBe(0);
    expect(compareTurkish('istanbul', 'İSTANBUL')).toBe(0);
  });
});

describe('display casing with an explicit locale', () => {
  it.each([
    ['istanbul', 'tr', 'İSTANBUL'],
    ['istanbul', 'en', 'ISTANBUL'],
    ['ışık', 'tr', 'IŞIK'],
    ['çiğdem', 'tr', 'ÇİĞDEM'],
  ] as const)('upperFor(%s, %s) → %s', (text, locale, upper) => {
    expect(upperFor(text, locale)).toBe(upper);
  });
  it.each([
    ['IŞIL', 'tr', 'ışıl'],
    ['İSTANBUL', 'tr', 'istanbul'],
    ['ISTANBUL', 'en', 'istanbul'],
    ['DİYARBAKIR', 'tr', 'diyarbakır'],
  ] as const)('lowerFor(%s, %s) → %s', (text, locale, lower) => {
    expect(lowerFor(text, locale)).toBe(lower);
  });
  it.each([
    ['ilk sipariş', 'tr', 'İlk sipariş'],
    ['ilk order', 'en', 'Ilk order'],
    ['', 'tr', ''],
  ] as const)('capitalizeFor(%s, %s) → %s', (text, locale, out) => {
    expect(capitalizeFor(text, locale)).toBe(out);
  });
});
