import { MAX_AMOUNT_MINOR } from './amounts';
import { currencyInfo } from './currencies';
import { formatMoney } from './format';

export type ParseAmountErrorCode = 'EMPTY' | 'NOT_A_NUMBER' | 'TOO_MANY_DECIMALS' | 'NEGATIVE' | 'ZERO' | 'TOO_LARGE';

export type ParseAmountResult =
  | { ok: true; amount: number }
  | { ok: false; code: ParseAmountErrorCode; message: string };

export type ParseAmountOptions = {
  /** Accept "0" (e.g. a price filter); by default an amount must be greater than zero. */
  allowZero?: boolean;
};

// Either plain digits ("1000") or digits grouped by commas in threes ("1,000"), then an
// optional point and fraction. ".5" is accepted; "5." is not.
const plainNumber = /^(\d*)(?:\.(\d+))?$/;
const groupedNumber = /^([1-9]\d{0,2}(?:,\d{3})+)(?:\.(\d+))?$/;
const minusSigns = ['-', '\u2212'];

function example(exponent: number): string {
  return exponent === 0 ? '2500' : `25.${'0'.repeat(exponent)}`;
}

function failure(code: ParseAmountErrorCode, message: string): ParseAmountResult {
  return { ok: false, code, message };
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

/**
 * Reads an amount typed by a person into integer minor units, by splitting the string (no
 * float arithmetic): "339.5" USD → 33950, "1,000.00" → 100000, " 12 " → 1200.
 *
 * Accepted: surrounding spaces; the currency's ISO code before or after ("USD 12", "12 usd") or
 * one of its own symbols before ("$12" for USD, "€12" for EUR — not "$" for EUR); commas only
 * as thousands separators in groups of three ("1,000", not "1,00" or "10,00,000"); a point for
 * decimals, at most the currency's exponent of them (trailing zeros count: "10.000" is refused
 * for USD); a fraction without integer part (".5").
 * Refused: exponents ("1e3"), "NaN"/"Infinity", "+5", "5.", inner spaces, non-ASCII digits,
 * any minus sign (NEGATIVE, even for "-0"), zero unless `allowZero`, and more than
 * MAX_AMOUNT_MINOR. Messages are sentences to show next to the field.
 */
export function parseAmount(input: string, currency: string, options: ParseAmountOptions = {}): ParseAmountResult {
  const { exponent, symbols } = currencyInfo(currency);
  const notANumber = failure('NOT_A_NUMBER', `Enter an amount such as ${example(exponent)}.`);

  let text = input.trim();
  if (text === '') return failure('EMPTY', `Enter an amount such as ${example(exponent)}.`);

  let negative = false;
  ({ text, negative } = stripMinus(text));
  text = stripCurrency(text, currency, symbols);
  if (!negative) ({ text, negative } = stripMinus(text));

  const match = plainNumber.exec(text) ?? groupedNumber.exec(text);
  if (!match || text === '' || text === '.') {
    if (/^[\d,]+(\.\d*)?$/.test(text) && text.includes(',')) {
      return failure('NOT_A_NUMBER', 'Use a point for decimals and commas only between thousands, as in 1,000.00.');
    }
    return notANumber;
  }
  if (negative) return failure('NEGATIVE', 'The amount cannot be negative.');

  const integerDigits = (match[1] ?? '').replaceAll(',', '');
  const fractionDigits = match[2] ?? '';
  if (fractionDigits.length > exponent) {
    return failure(
      'TOO_MANY_DECIMALS',
      exponent === 0 ? `${currency} amounts have no decimals.` : `${currency} amounts have at most ${exponent} decimals.`,
    );
  }

  const minor = BigInt(integerDigits + fractionDigits.padEnd(exponent, '0'));
  if (minor === 0n && !options.allowZero) return failure('ZERO', 'Enter an amount greater than zero.');
  if (minor > BigInt(MAX_AMOUNT_MINOR)) {
    return failure('TOO_LARGE', `Enter at most ${formatMoney(MAX_AMOUNT_MINOR, currency)}.`);
  }
  return { ok: true, amount: Number(minor) };
}

/**
 * Converts a major-unit JSON number (e.g. 100.5 from an API) exactly, through its shortest
 * decimal string (String(value)) and the parseAmount rules: 100.5 USD → 10050, 0.1 → 10.
 * Exponent notation that JavaScript uses for tiny or huge numbers (1e-7, 1e21) is refused.
 */
export function fromMajorNumber(value: number, currency: string, options: ParseAmountOptions = {}): ParseAmountResult {
  const { exponent } = currencyInfo(currency);
  if (!Number.isFinite(value)) return failure('NOT_A_NUMBER', `Enter an amount such as ${example(exponent)}.`);
  if (value < 0) return failure('NEGATIVE', 'The amount cannot be negative.');
  const text = String(value);
  if (text.includes('e-')) {
    return failure(
      'TOO_MANY_DECIMALS',
      exponent === 0 ? `${currency} amounts have no decimals.` : `${currency} amounts have at most ${exponent} decimals.`,
    );
  }
  if (text.includes('e')) return failure('TOO_LARGE', `Enter at most ${formatMoney(MAX_AMOUNT_MINOR, currency)}.`);
  return parseAmount(text, currency, options);
}
