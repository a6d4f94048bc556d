export type PaymentErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_STATE'
  | 'PROVIDER_UNAVAILABLE'
  | 'AMOUNT_MISMATCH'
  | 'METHOD_DISABLED';

/** An expected payment failure, with a message fit to show the shopper or staff. */
export class PaymentError extends Error {
  constructor(
    readonly code: PaymentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentError';
  }
}
