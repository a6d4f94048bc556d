/**
 * Tax in integer minor units, with ONE rounding rule for the whole shop (orders, invoices, PDF):
 *
 * - Tax is computed per line, never on a sum of lines, at the line's rate in basis points
 *   (1800 = 18 %, 0 … 10000).
 * - Prices include tax (Settings): the line's gross is what the shopper pays;
 *   tax = round(gross × rate / (10000 + rate)), net = gross − tax.
 * - Prices exclude tax: the line's net is the price;
 *   tax = round(net × rate / 10000), gross = net + tax.
 * - round() is round half up (a half goes away from zero; tax on a positive amount is ≥ 0).
 * - An order's (an invoice's) net, tax and gross are the sums of its lines, so net + tax = gross
 *   holds per line and per document and no minor unit is lost or invented.
 *
 * The products are computed with BigInt, so no intermediate value exceeds 2^53 whatever the
 * amount; results are safe integers because |tax| ≤ |amount|.
 */

/** A line's (or a document's) amounts in minor units: net + tax = gross. */
export type Taxed = { net: number; tax: number; gross: number };

export const MAX_TAX_RATE_BP = 10_000;

function checkInputs(amount: number, rateBp: number): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`tax: ${amount} is not a whole number of minor units`);
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > MAX_TAX_RATE_BP) throw new RangeError(`tax: ${rateBp} is not a rate in basis points`);
}

/** numerator / denominator rounded half up (away from zero); denominator > 0. */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const sign = numerator < 0n ? -1n : 1n;
  const magnitude = numerator * sign;
  return sign * ((2n * magnitude + denominator) / (2n * denominator));
}

/** The tax contained in a gross amount (prices include tax). */
export function taxFromGross(gross: number, rateBp: number): Taxed {
  checkInputs(gross, rateBp);
  const tax = Number(roundHalfUp(BigInt(gross) * BigInt(rateBp), BigInt(MAX_TAX_RATE_BP + rateBp)));
  return { net: gross - tax, tax, gross };
}

/** The tax added to a net amount (prices exclude tax). */
export function taxFromNet(net: number, rateBp: number): Taxed {
  checkInputs(net, rateBp);
  const tax = Number(roundHalfUp(BigInt(net) * BigInt(rateBp), BigInt(MAX_TAX_RATE_BP)));
  const gross = net + tax;
  if (!Number.isSafeInteger(gross)) throw new RangeError('tax: the gross amount is out of range');
  return { net, tax, gross };
}

/** One line's net, tax and gross from its price × quantity, as the shop's prices are written (with or without tax). */
export function taxLine(amount: number, rateBp: number, pricesIncludeTax: boolean): Taxed {
  return pricesIncludeTax ? taxFromGross(amount, rateBp) : taxFromNet(amount, rateBp);
}

/** The sums of lines' net, tax and gross: an order's or an invoice's totals. */
export function sumTaxed(lines: readonly Taxed[]): Taxed {
  const total = { net: 0, tax: 0, gross: 0 };
  for (const line of lines) {
    total.net += line.net;
    total.tax += line.tax;
    total.gross += line.gross;
  }
  if (![total.net, total.tax, total.gross].every(Number.isSafeInteger)) throw new RangeError('tax: the totals are out of range');
  return total;
}

/** A stored order or invoice line's amounts (order_lines / invoice_lines columns). */
export type StoredTaxLine = { taxRateBp: number; amountNet: number; amountTax: number; amount: number };

/** The totals at one rate. */
export type RateTotal = { taxRateBp: number } & Taxed;

/**
 * Net, tax and gross per tax rate, lowest rate first (the block under an invoice's lines and on
 * the PDF). The sums of the rows are the document's totals: it only adds the lines' own amounts.
 */
export function totalsByRate(lines: readonly StoredTaxLine[]): RateTotal[] {
  const byRate = new Map<number, Taxed[]>();
  for (const line of lines) {
    const group = byRate.get(line.taxRateBp) ?? [];
    group.push({ net: line.amountNet, tax: line.amountTax, gross: line.amount });
    byRate.set(line.taxRateBp, group);
  }
  return [...byRate.entries()].sort(([a], [b]) => a - b).map(([taxRateBp, group]) => ({ taxRateBp, ...sumTaxed(group) }));
}

/**
 * A rate in basis points as the percentage a person reads and types: 1800 → "18", 850 → "8.5",
 * 725 → "7.25" (with `decimalSeparator` "," in Turkish: "8,5").
 */
export function rateToPercentText(rateBp: number, decimalSeparator: '.' | ',' = '.'): string {
  const whole = Math.trunc(rateBp / 100);
  const fraction = String(rateBp % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}${decimalSeparator}${fraction}` : String(whole);
}

/**
 * A percentage typed by staff ("18", "8.5", "7,25", "18 %") as basis points; undefined when it is
 * not a number from 0 to 100 with at most two decimals. Read by splitting the text, never as a float.
 */
export function parseRatePercent(text: string): number | undefined {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!match?.[1]) return undefined;
  const rateBp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return rateBp <= MAX_TAX_RATE_BP ? rateBp : undefined;
}
