import { describe, expect, it } from 'vitest';
import { parseCategoryId, parseStock, parseTaxRate, readProductForm, taxRateText, type ProductFormText } from './product-input';

describe('parseTaxRate', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['0', 0],
    ['18', 1800],
    ['20', 2000],
    ['8,5', 850],
    ['8.5', 850],
    ['8.25', 825],
    ['8,05', 805],
    ['0,01', 1],
    ['100', 10_000],
    ['18 %', 1800],
    ['18%', 1800],
    ['1', 100],
  ])('%j → %j basis points', (text, basisPoints) => {
    expect(parseTaxRate(text)).toEqual({ ok: true, value: basisPoints });
  });

  it.each([
    ['8.125', 'TAX_RATE_DECIMALS'],
    ['100.01', 'TAX_RATE_RANGE'],
    ['101', 'TAX_RATE_RANGE'],
    ['1000', 'TAX_RATE_RANGE'],
    ['-1', 'TAX_RATE_INVALID'],
    ['abc', 'TAX_RATE_INVALID'],
    ['1e1', 'TAX_RATE_INVALID'],
    ['8.', 'TAX_RATE_INVALID'],
    ['.5', 'TAX_RATE_INVALID'],
    ['1,000.5', 'TAX_RATE_INVALID'],
    ['%', 'TAX_RATE_INVALID'],
    ['١٨', 'TAX_RATE_INVALID'],
  ])('%j is refused with %s', (text, code) => {
    expect(parseTaxRate(text)).toEqual({ ok: false, refusal: { code, params: {} } });
  });

  it.each([
    [null, 'en', ''],
    [1800, 'en', '18'],
    [850, 'en', '8.5'],
    [850, 'tr', '8,5'],
    [805, 'tr', '8,05'],
    [0, 'tr', '0'],
    [10_000, 'en', '100'],
  ])('%j shows as %s in %s and reads back the same', (basisPoints, locale, text) => {
    expect(taxRateText(basisPoints, locale)).toBe(text);
    expect(parseTaxRate(text)).toEqual({ ok: true, value: basisPoints });
  });
});

describe('parseStock', () => {
  it.each([
    ['', null],
    [' ', null],
    ['0', 0],
    ['2', 2],
    [' 17 ', 17],
    ['1000000', 1_000_000],
  ])('%j → %j', (text, stock) => {
    expect(parseStock(text)).toEqual({ ok: true, value: stock });
  });

  it.each(['-1', '1.5', '2,0', '1e3', '0x10', 'ten', '1000001', '999999999999'])('%j is refused', (text) => {
    expect(parseStock(text)).toEqual({ ok: false, refusal: { code: 'STOCK_INVALID', params: { max: 1_000_000 } } });
  });
});

describe('parseCategoryId', () => {
  it('reads none, an id, and refuses anything else', () => {
    expect(parseCategoryId('')).toEqual({ ok: true, value: null });
    expect(parseCategoryId('7')).toEqual({ ok: true, value: 7 });
    for (const text of ['0', '-1', 'x', '2147483648']) expect(parseCategoryId(text).ok).toBe(false);
  });
});

const form = (fields: Partial<ProductFormText> = {}): ProductFormText => ({
  name: 'Test Kettle',
  description: 'Boils water.',
  price: '42.50',
  stock: '2',
  taxRate: '',
  categoryId: '',
  active: 'on',
  ...fields,
});

describe('readProductForm', () => {
  it('reads a whole form into minor units, whole stock and basis points', () => {
    expect(readProductForm(form({ taxRate: '8,5', categoryId: '3' }), { currency: 'USD', locale: 'en' })).toEqual({
      ok: true,
      input: { name: 'Test Kettle', description: 'Boils water.', priceMinor: 4250, currency: 'USD', stock: 2, taxRateBp: 850, categoryId: 3, active: true },
    });
  });

  it.each([
    // price as typed, currency, staff locale → minor units
    ['42.50', 'USD', 'en', 4250],
    ['1,234.56', 'USD', 'en', 123_456],
    ['1.234,56', 'TRY', 'tr', 123_456],
    ['42,5', 'TRY', 'tr', 4250],
    ['₺980', 'TRY', 'tr', 98_000],
    ['3700', 'JPY', 'en', 3700],
    ['7.500', 'KWD', 'en', 7500],
  ])('reads the price %j in %s (%s) as %i minor units', (price, currency, locale, minor) => {
    const read = readProductForm(form({ price }), { currency, locale });
    expect(read.ok && read.input.priceMinor).toBe(minor);
  });

  it.each([
    ['', 'AMOUNT_EMPTY'],
    ['42.505', 'AMOUNT_TOO_MANY_DECIMALS'],
    ['-5', 'AMOUNT_NEGATIVE'],
    ['0', 'AMOUNT_ZERO'],
    ['4,25', 'AMOUNT_GROUPING'],
    ['forty', 'AMOUNT_NOT_A_NUMBER'],
  ])('refuses the price %j with %s beside the field', (price, code) => {
    const read = readProductForm(form({ price }), { currency: 'USD', locale: 'en' });
    expect(read).toMatchObject({ ok: false, fieldErrors: { price: { code } } });
  });

  it('refuses the Turkish "1.234" as ambiguous, like every amount in the shop', () => {
    expect(readProductForm(form({ price: '1.234' }), { currency: 'TRY', locale: 'tr' })).toMatchObject({ ok: false, fieldErrors: { price: { code: 'AMOUNT_AMBIGUOUS' } } });
  });

  it('gives every bad field its own refusal at once', () => {
    const read = readProductForm(form({ name: '  ', price: 'x', stock: '-2', taxRate: '120', categoryId: 'abc', description: 'd'.repeat(2001) }), {
      currency: 'USD',
      locale: 'en',
    });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.fromEntries(Object.entries(read.fieldErrors).map(([field, refusal]) => [field, refusal?.code]))).toEqual({
      name: 'NAME_REQUIRED',
      description: 'DESCRIPTION_TOO_LONG',
      price: 'AMOUNT_NOT_A_NUMBER',
      stock: 'STOCK_INVALID',
      taxRate: 'TAX_RATE_RANGE',
      categoryId: 'CATEGORY_NOT_FOUND',
    });
  });

  it('keeps an empty stock as not tracked and an unticked box as hidden', () => {
    const read = readProductForm(form({ stock: '', active: undefined }), { currency: 'USD', locale: 'en' });
    expect(read).toMatchObject({ ok: true, input: { stock: null, active: false } });
  });

  it('refuses a name over 120 characters and runs spaces together', () => {
    expect(readProductForm(form({ name: 'n'.repeat(121) }), { currency: 'USD', locale: 'en' })).toMatchObject({ ok: false, fieldErrors: { name: { code: 'NAME_TOO_LONG', params: { max: 120 } } } });
    expect(readProductForm(form({ name: '  Işıklı   Çaydanlık ' }), { currency: 'USD', locale: 'en' })).toMatchObject({ ok: true, input: { name: 'Işıklı Çaydanlık' } });
  });
});
