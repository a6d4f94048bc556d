import { AppError, type ErrorParams } from '@/lib/errors';

export type PaymentErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_STATE'
  | 'PROVIDER_UNAVAILABLE'
  | 'AMOUNT_MISMATCH'
  | 'METHOD_DISABLED';

/** An expected payment failure (the one AppError type, lib/errors), with a message fit to show the shopper or staff. */
export class PaymentError extends AppError<PaymentErrorCode> {
  constructor(code: PaymentErrorCode, message: string, params: ErrorParams = {}) {
    super(code, params, message);
    this.name = 'PaymentError';
  }
}
