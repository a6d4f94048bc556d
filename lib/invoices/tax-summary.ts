/** The stored amounts of one invoice line (minor units). */
export type TaxedLine = { taxRateBp: number; amount: number; amountNet: number; amountTax: number };

/** Net, tax and gross of the lines at one tax rate. */
export type TaxRateTotal = { taxRateBp: number; net: number; tax: number; gross: number };

/**
 * The lines' net, tax and gross per tax rate, lowest rate first: sums of the amounts each line
 * stored (never tax recomputed from a gross), so every group's net + tax = gross, and the groups
 * add up to the invoice's amountNet, amountTax and amountTotal.
 */
export function taxSummary(lines: readonly TaxedLine[]): TaxRateTotal[] {
  const byRate = new Map<number, TaxRateTotal>();
  for (const line of lines) {
    const group = byRate.get(line.taxRateBp) ?? { taxRateBp: line.taxRateBp, net: 0, tax: 0, gross: 0 };
    group.net += line.amountNet;
    group.tax += line.amountTax;
    group.gross += line.amount;
    byRate.set(line.taxRateBp, group);
  }
  return [...byRate.values()].sort((a, b) => a.taxRateBp - b.taxRateBp);
}
