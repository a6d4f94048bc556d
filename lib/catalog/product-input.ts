import type { ErrorParams } from '@/lib/errors';
import { parseAmount, type ParseAmountErrorCode } from '@/lib/money';

/** Why a product field was refused: a code of catalog.errors (messages/<locale>/catalog.json) or a parseAmount code (errors). */
export type ProductFieldCode =
  | ParseAmountErrorCode
  | 'NAME_REQUIRED'
  | 'NAME_TOO_LONG'
  | 'DESCRIPTION_TOO_LONG'
  | 'STOCK_INVALID'
  | 'TAX_RATE_INVALID'
  | 'TAX_RATE_DECIMALS'
  | 'TAX_RATE_RANGE'
  | 'CATEGORY_NOT_FOUND'
  | 'IMAGE_TYPE'
  | 'IMAGE_TOO_LARGE'
  | 'IMAGE_UNREADABLE';

export type ProductField = 'name' | 'description' | 'price' | 'stock' | 'taxRate' | 'categoryId' | 'image';

export type FieldRefusal = { code: ProductFieldCode; params: ErrorParams };

export type ProductFieldErrors = Partial<Record<ProductField, FieldRefusal>>;

/** A product as staff describe it, read and checked (never a float; money in minor units of `currency`). */
export type ProductInput = {
  name: string;
  description: string;
  priceMinor: number;
  currency: string;
  /** Units on hand; null: not tracked. */
  stock: number | null;
  /** Basis points (1800 = 18 %); null: the shop's default rate. */
  taxRateBp: number | null;
  categoryId: number | null;
  active: boolean;
};

/** The product form as typed (every field a string; a checkbox 'on' or absent). */
export type ProductFormText = {
  name: string;
  description: string;
  price: string;
  stock: string;
  taxRate: string;
  categoryId: string;
  active?: string;
};

export const MAX_NAME_LENGTH = 120;
export const MAX_DESCRIPTION_LENGTH = 2_000;
/** The most units one product may hold (PostgreSQL's integer is far above, a typo of a few zeros is not). */
export const MAX_STOCK = 1_000_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; refusal: FieldRefusal };

function refused<T>(code: ProductFieldCode, params: ErrorParams = {}): Parsed<T> {
  return { ok: false, refusal: { code, params } };
}

/** Stock as typed: empty → null (not tracked); otherwise a whole number from 0 to MAX_STOCK, digits only. */
export function parseStock(text: string): Parsed<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d{1,9}$/.test(trimmed)) return refused('STOCK_INVALID', { max: MAX_STOCK });
  const stock = Number(trimmed);
  return stock <= MAX_STOCK ? { ok: true, value: stock } : refused('STOCK_INVALID', { max: MAX_STOCK });
}

/**
 * A tax rate in per cent as typed: empty → null (the shop's default); "18" → 1800 basis points,
 * "8,5" and "8.5" → 850, "8.25" → 825, an optional "%" after it. Read by splitting the digits,
 * never through a float. At most two decimals (a basis point), from 0 to 100.
 */
export function parseTaxRate(text: string): Parsed<number | null> {
  const trimmed = text.trim().replace(/\s*%$/, '');
  if (trimmed === '') return text.trim() === '' ? { ok: true, value: null } : refused('TAX_RATE_INVALID');
  const match = /^(\d{1,6})(?:[.,](\d+))?$/.exec(trimmed);
  if (!match) return refused('TAX_RATE_INVALID');
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > 2) return refused('TAX_RATE_DECIMALS');
  const basisPoints = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return basisPoints <= 10_000 ? { ok: true, value: basisPoints } : refused('TAX_RATE_RANGE');
}

/** A tax rate in basis points as staff type it back in their language: 1800 → "18", 850 → "8,5" (tr) / "8.5" (en). */
export function taxRateText(basisPoints: number | null, locale: string): string {
  if (basisPoints === null) return '';
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  if (fraction === '') return String(whole);
  return `${whole}${locale.toLowerCase().startsWith('tr') ? ',' : '.'}${fraction}`;
}

/** The category select: '' → none, otherwise a row id (whether it exists is checked against the database). */
export function parseCategoryId(text: string): Parsed<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d{1,10}$/.test(trimmed)) return refused('CATEGORY_NOT_FOUND');
  const id = Number(trimmed);
  return id >= 1 && id <= 2_147_483_647 ? { ok: true, value: id } : refused('CATEGORY_NOT_FOUND');
}

/**
 * Reads the product form: every field checked, every refusal beside its field at once. The price
 * is read like every amount in the shop (parseAmount in the staff member's way of writing numbers,
 * in the shop currency). Whether the category exists is the caller's check (it needs the database).
 */
export function readProductForm(
  form: ProductFormText,
  { currency, locale }: { currency: string; locale: string },
): { ok: true; input: ProductInput } | { ok: false; fieldErrors: ProductFieldErrors } {
  const fieldErrors: ProductFieldErrors = {};
  const name = form.name.trim().replace(/\s+/g, ' ');
  if (name === '') fieldErrors.name = { code: 'NAME_REQUIRED', params: {} };
  else if (name.length > MAX_NAME_LENGTH) fieldErrors.name = { code: 'NAME_TOO_LONG', params: { max: MAX_NAME_LENGTH } };
  const description = form.description.trim();
  if (description.length > MAX_DESCRIPTION_LENGTH) fieldErrors.description = { code: 'DESCRIPTION_TOO_LONG', params: { max: MAX_DESCRIPTION_LENGTH } };
  const price = parseAmount(form.price, currency, locale);
  if (!price.ok) fieldErrors.price = { code: price.code, params: price.params };
  const stock = parseStock(form.stock);
  if (!stock.ok) fieldErrors.stock = stock.refusal;
  const taxRate = parseTaxRate(form.taxRate);
  if (!taxRate.ok) fieldErrors.taxRate = taxRate.refusal;
  const categoryId = parseCategoryId(form.categoryId);
  if (!categoryId.ok) fieldErrors.categoryId = categoryId.refusal;
  if (!price.ok || !stock.ok || !taxRate.ok || !categoryId.ok || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    input: {
      name,
      description,
      priceMinor: price.amount,
      currency,
      stock: stock.value,
      taxRateBp: taxRate.value,
      categoryId: categoryId.value,
      active: form.active === 'on',
    },
  };
}
