/**
 * The offline alternative payment methods the merchant API takes (the platform's apmType), and the
 * shop's own way of paying each one is: a fund transfer is a wire transfer to the shop's bank, cash
 * on delivery the courier's cash (paid in at the bank, as the shop's own cash orders are).
 */
export const apmTypes = ['FUND_TRANSFER', 'CASH_ON_DELIVERY'] as const;
export type ApmType = (typeof apmTypes)[number];
export type ApmProvider = 'wire_transfer' | 'cash_on_delivery';

const providers: Record<ApmType, ApmProvider> = { FUND_TRANSFER: 'wire_transfer', CASH_ON_DELIVERY: 'cash_on_delivery' };

export function isApmType(value: string): value is ApmType {
  return (apmTypes as readonly string[]).includes(value);
}

/** The payments.provider an APM payment is recorded with. */
export function providerOfApmType(apmType: ApmType): ApmProvider {
  return providers[apmType];
}

/** The apmType of a payments.provider, or null for a provider no APM payment uses. */
export function apmTypeOfProvider(provider: string): ApmType | null {
  if (provider === 'wire_transfer') return 'FUND_TRANSFER';
  if (provider === 'cash_on_delivery') return 'CASH_ON_DELIVERY';
  return null;
}
