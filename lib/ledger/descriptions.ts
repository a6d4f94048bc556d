/**
 * What a transfer is, stored as a code and its parameters (columns description_code and
 * description_params), never as a sentence: the `ledger` catalogue (messages/<locale>/ledger.json)
 * words it at the edge, in the reader's language. Parameters are references, numbers and the
 * reasons staff typed (shown as typed).
 */
export const ledgerDescriptionCodes = [
  'topUpCard', // {reference}
  'topUpWire', // {reference}
  'orderPayment', // {number}
  'orderPaymentCardPart', // {number}
  'orderWalletPart', // {number}
  'invoiceWalletPart', // {number}
  'invoicePayment', // {number}
  'invoiceOverpayment', // {reference, number}: a card payment beyond the amount due, kept in the wallet
  'orderCardAfterRelease', // {reference, number}
  'orderCardAfterSettled', // {reference, number}
  'orderRefund', // {number, reason}
  'orderRefundToCard', // {number, reference, reason}
  'shopCredit', // {reason}
  'shopWithdrawal', // {reason}
  'balanceReset', // {reason}
  'topUpRefundToCard', // {reference}
  'paymentRefund', // {reference}
  'apiPayment', // {reference}
  'apiPaymentConversation', // {reference, conversationId}
  'merchantBalanceReset', // {value, currency}: the target as the API sent it (major units)
  'withdrawal', // {reference}: money to the member's bank account (held until staff pay it out)
  'text', // {text}: words kept as they were written (rows from before codes, remittance descriptions, tests)
] as const;
export type LedgerDescriptionCode = (typeof ledgerDescriptionCodes)[number];

export type LedgerDescriptionParams = Record<string, string | number>;
export type LedgerDescription = { code: LedgerDescriptionCode; params: LedgerDescriptionParams };

export function isLedgerDescriptionCode(value: unknown): value is LedgerDescriptionCode {
  return typeof value === 'string' && (ledgerDescriptionCodes as readonly string[]).includes(value);
}

/** Words kept as written (code 'text'). */
export function plainDescription(text: string): LedgerDescription {
  return { code: 'text', params: { text } };
}

/** The stored params column as an object ('{}' when it is not a JSON object of texts and numbers). */
export function readDescriptionParams(stored: string): LedgerDescriptionParams {
  try {
    const parsed: unknown = JSON.parse(stored);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'),
    );
  } catch {
    return {};
  }
}

/** A row's stored code and params as a LedgerDescription (an unknown code reads as its params' text). */
export function storedDescription(code: string, params: string): LedgerDescription {
  const read = readDescriptionParams(params);
  return isLedgerDescriptionCode(code) ? { code, params: read } : { code: 'text', params: { text: String(read.text ?? code) } };
}
