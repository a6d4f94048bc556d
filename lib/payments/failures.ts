/**
 * Why a payment did not complete, stored as a code and its parameters (columns failure_code and
 * failure_params), never as a sentence: the `payments.failure` catalogue words it at the edge in
 * the reader's language; the merchant API words it in English (lib/api/english.ts).
 */
export const paymentFailureCodes = [
  'shopperCancelled', // the shopper cancelled the card page or the payment
  'cardDeclined', // the card was declined (the payment may stay open for another card)
  'bankIncomplete', // the bank did not complete an asynchronous card payment
  'pageExpired', // the provider's payment page expired
  'holdExpired', // the time to pay the card part of Wallet and Card ran out
  'cardUnavailable', // the card provider could not be reached to open the payment
  'paidAnotherWay', // {number}: the invoice was paid another way, so its wallet hold was released
  'orderSettled', // {number}: the order was already settled, so its wallet hold was released
  'orderCanceled', // {number}: the order was cancelled
  'wireRejected', // {reason}: staff rejected a wire top-up, with the reason they typed
  'text', // {text}: words kept as they were written (rows from before codes)
] as const;
export type PaymentFailureCode = (typeof paymentFailureCodes)[number];

export type PaymentFailureParams = Record<string, string | number>;
export type PaymentFailure = { code: PaymentFailureCode; params?: PaymentFailureParams };

/** The failure a payment row stores, read back (null when it did not fail; unknown codes read as text). */
export function storedFailure(row: { failureCode: string | null; failureParams: string | null }): PaymentFailure | null {
  if (row.failureCode === null) return null;
  let params: PaymentFailureParams = {};
  try {
    const parsed: unknown = JSON.parse(row.failureParams ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      params = Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'),
      );
    }
  } catch {
    params = {};
  }
  const known = (paymentFailureCodes as readonly string[]).includes(row.failureCode);
  return known ? { code: row.failureCode as PaymentFailureCode, params } : { code: 'text', params: { text: row.failureCode } };
}

/** The columns that record `failure` on a payment row (both null: no failure). */
export function failureColumns(failure: PaymentFailure | null): { failureCode: string | null; failureParams: string | null } {
  return failure ? { failureCode: failure.code, failureParams: JSON.stringify(failure.params ?? {}) } : { failureCode: null, failureParams: null };
}
