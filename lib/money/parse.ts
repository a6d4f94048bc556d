import type { ErrorParams } from '@/lib/errors';
import { MAX_AMOUNT_MINOR } from './amounts';
import { currencyInfo } from './currencies';
import { formatMoney } from './format';

/** Why a typed amount was refused: a code of the `errors` catalogue (messages/<locale>/errors.json). */
export type ParseAmountErrorCode =
  | 'AMOUNT_EMPTY'
  | 'AMOUNT_NOT_A_NUMBER'
  | 'AMOUNT_GROUPING'
  | 'AMOUNT_AMBIGUOUS'
  | 'AMOUNT_TOO_MANY_DECIMALS'
  | 'AMOUNT_NEGATIVE'
  | 'AMOUNT_ZERO'
  | 'AMOUNT_TOO_LARGE';

export type ParseAmountResult =
  | { ok: true; amount: number }
  /** `message` is English for developers and the merchant API (its clients expect it); pages word `code` + `params`. */
  | { ok: false; code: ParseAmountErrorCode; params: ErrorParams; message: string };

export type ParseAmountOptions = {
  /** Accept "0" (e.g. a price filter); by default an amount must be greater than zero. */
  allowZero?: boolean;
};

/** The two ways of writing numbers the shop reads: 'en' (1,234.56) and 'tr' (1.234,56). */
export type AmountLocale = 'en' | 'tr';

type Style = { decimal: string; group: string };
const styles: Record<AmountLocale, Style> = { en: { decimal: '.', group: ',' }, tr: { decimal: ',', group: '.' } };

/** 'tr', 'tr-TR' → 'tr'; anything else → 'en'. */
function amountLocale(locale: string): AmountLocale {
  return locale.toLowerCase().split('-')[0] === 'tr' ? 'tr' : 'en';
}

const minusSigns = ['-', '\u2212'];

function example(exponent: number, locale: AmountLocale): string {
  return exponent === 0 ? '2500' : `25${styles[locale].decimal}${'0'.repeat(exponent)}`;
}

function groupingExample(exponent: number, locale: AmountLocale): string {
  const { decimal, group } = styles[locale];
  return exponent === 0 ? `1${group}000` : `1${group}000${decimal}${'0'.repeat(exponent)}`;
}

function failure(code: ParseAmountErrorCode, params: ErrorParams, message: string): ParseAmountResult {
  return { ok: false, code, params, message };
}

/** Removes one leading minus sign (ASCII or U+2212); reports whether there was one. */
function stripMinus(text: string): { text: string; negative: boolean } {
  for (const sign of minusSigns) {
    if (text.startsWith(sign)) return { text: text.slice(sign.length).trimStart(), negative: true };
  }
  return { text, negative: false };
}

/** Removes the currency's ISO code (before or after) or one of its symbols (before). */
function stripCurrency(text: string, currency: string, symbols: readonly string[]): string {
  const upper = text.toUpperCase();
  if (upper.startsWith(currency)) return text.slice(currency.length).trimStart();
  if (upper.endsWith(currency)) return text.slice(0, -currency.length).trimEnd();
  const bySize = [...symbols].sort((a, b) => b.length - a.length);
  for (const symbol of bySize) {
    if (text.startsWith(symbol)) return text.slice(symbol.length).trimStart();
  }
  return text;
}

function escape(character: string): string {
  return character === '.' ? '\\.' : character;
}

/** Integer and fraction digits of `text` written in `style`, or undefined when it is not such a number. */
function split(text: string, { decimal, group }: Style): { integer: string; fraction: string } | undefined {
  const d = escape(decimal);
  const g = escape(group);
  const plain = new RegExp(`^(\\d*)(?:${d}(\\d+))?$`).exec(text);
  const grouped = new RegExp(`^([1-9]\\d{0,2}(?:${g}\\d{3})+)(?:${d}(\\d+))?$`).exec(text);
  const match = plain ?? grouped;
  if (!match || text === '' || text === decimal) return undefined;
  return { integer: (match[1] ?? '').replaceAll(group, ''), fraction: match[2] ?? '' };
}

/**
 * Reads an amount typed by a person into integer minor units, by splitting the string (no float
 * arithmetic), in the way of writing numbers of `locale` ('en' | 'tr', or an Intl tag such as 'tr-TR'):
 * - en: a point for decimals, commas between thousands: "1,234.56", "1234.56", "1,234" → 1234.
 * - tr: a comma for decimals, points between thousands: "1.234,56", "1234,56", "1234", "1.234.567".
 *   A point that cannot be a thousands separator (not followed by exactly three digits: "12.5",
 *   "0.75") is read as the decimal point people and prefilled links (toDecimalString) use.
 *   AMBIGUOUS, refused (never guessed): in tr, one point followed by exactly three digits and no
 *   comma ("1.234", "12.500"): Turkish thousands, or an English decimal point? Write "1234" or "1.234,00".
 *   (en "1,234" is not ambiguous: English text never has a decimal comma; en "1.234" is decimals:
 *   an amount in a 3-decimal currency, AMOUNT_TOO_MANY_DECIMALS in a 2-decimal one.)
 * Both: surrounding spaces; the currency's ISO code before or after ("USD 12", "12 usd") or one of
 * its own symbols before ("$12", "₺12"); a fraction without integer part (".5" / ",5"); at most the
 * currency's exponent of decimals (trailing zeros count).
 * Refused, each with a code and params for the `errors` catalogue: exponents ("1e3"), "NaN", "+5",
 * "5.", inner spaces, non-ASCII digits, the other locale's separators (AMOUNT_GROUPING), any minus
 * sign (AMOUNT_NEGATIVE, even "-0"), zero unless `allowZero`, more than MAX_AMOUNT_MINOR.
 */
export function parseAmount(input: string, currency: string, locale: string = 'en', options: ParseAmountOptions = {}): ParseAmountResult {
  const { exponent, symbols } = currencyInfo(currency);
  const lang = amountLocale(locale);
  const style = styles[lang];
  const sample = example(exponent, lang);
  const notANumber = failure('AMOUNT_NOT_A_NUMBER', { example: sample }, `Enter an amount such as ${sample}.`);

  let text = input.trim();
  if (text === '') return failure('AMOUNT_EMPTY', { example: sample }, `Enter an amount such as ${sample}.`);

  let negative = false;
  ({ text, negative } = stripMinus(text));
  text = stripCurrency(text, currency, symbols);
  if (!negative) ({ text, negative } = stripMinus(text));

  // tr "1.234": Turkish thousands, or an English decimal point? Both are typed in Turkey: refuse.
  if (lang === 'tr' && /^[1-9]\d{0,2}\.\d{3}$/.test(text)) {
    const suggestion = exponent === 0 ? text.replace('.', '') : `${text},${'0'.repeat(exponent)}`;
    return failure('AMOUNT_AMBIGUOUS', { text, example: suggestion }, `"${text}" could mean two different amounts. Write it as ${suggestion}.`);
  }
  let parts = split(text, style);
  // tr: one point, not followed by exactly three digits: only a decimal point can be meant.
  if (!parts && lang === 'tr' && /^\d*\.\d+$/.test(text) && !/^\d*\.\d{3}$/.test(text)) parts = split(text, styles.en);
  if (!parts) {
    if (/^[\d.,]+$/.test(text) && /\d/.test(text)) {
      const sampleGrouping = groupingExample(exponent, lang);
      return failure(
        'AMOUNT_GROUPING',
        { example: sampleGrouping },
        lang === 'en'
          ? `Use a point for decimals and commas only between thousands, as in ${sampleGrouping}.`
          : `Use a comma for decimals and points only between thousands, as in ${sampleGrouping}.`,
      );
    }
    return notANumber;
  }
  if (negative) return failure('AMOUNT_NEGATIVE', {}, 'The amount cannot be negative.');

  if (parts.fraction.length > exponent) {
    return failure(
      'AMOUNT_TOO_MANY_DECIMALS',
      { decimals: exponent, currency },
      exponent === 0 ? `${currency} amounts have no decimals.` : `${currency} amounts have at most ${exponent} decimals.`,
    );
  }

  const minor = BigInt(parts.integer + parts.fraction.padEnd(exponent, '0'));
  if (minor === 0n && !options.allowZero) return failure('AMOUNT_ZERO', {}, 'Enter an amount greater than zero.');
  if (minor > BigInt(MAX_AMOUNT_MINOR)) {
    return failure('AMOUNT_TOO_LARGE', { max: MAX_AMOUNT_MINOR, currency }, `Enter at most ${formatMoney(MAX_AMOUNT_MINOR, currency)}.`);
  }
  return { ok: true, amount: Number(minor) };
}

/**
 * Converts a major-unit JSON number (e.g. 100.5 from an API) exactly, through its shortest
 * decimal string (String(value)) and the parseAmount rules (en): 100.5 USD → 10050, 0.1 → 10.
 * Exponent notation that JavaScript uses for tiny or huge numbers (1e-7, 1e21) is refused.
 */
export function fromMajorNumber(value: number, currency: string, options: ParseAmountOptions = {}): ParseAmountResult {
  const { exponent } = currencyInfo(currency);
  const sample = example(exponent, 'en');
  if (!Number.isFinite(value)) return failure('AMOUNT_NOT_A_NUMBER', { example: sample }, `Enter an amount such as ${sample}.`);
  if (value < 0) return failure('AMOUNT_NEGATIVE', {}, 'The amount cannot be negative.');
  const text = String(value);
  if (text.includes('e-')) {
    return failure(
      'AMOUNT_TOO_MANY_DECIMALS',
      { decimals: exponent, currency },
      exponent === 0 ? `${currency} amounts have no decimals.` : `${currency} amounts have at most ${exponent} decimals.`,
    );
  }
  if (text.includes('e')) {
    return failure('AMOUNT_TOO_LARGE', { max: MAX_AMOUNT_MINOR, currency }, `Enter at most ${formatMoney(MAX_AMOUNT_MINOR, currency)}.`);
  }
  return parseAmount(text, currency, 'en', options);
}
