import { AppError, type ErrorParams } from '@/lib/errors';

/**
 * Error codes of invoices, for callers to branch on (messages are fit to show the shopper):
 * - NOT_FOUND: no such invoice, or it belongs to another shopper.
 * - INVALID_INVOICE: the lines, currency or dates of a new invoice are not acceptable.
 * - ALREADY_PAID: the invoice has nothing left to pay.
 * - INVALID_AMOUNT: the amount to pay is not a whole, positive number of minor units.
 * - AMOUNT_EXCEEDS_DUE: the payment would pay more than the amount due (never over-paid).
 * - INSUFFICIENT_FUNDS: the wallet does not hold the amount (or holds nothing, when paying what it holds).
 * - METHOD_DISABLED: the shop does not offer this way of paying.
 * - IDEMPOTENCY_CONFLICT: the attempt key was used before for another invoice or amount.
 * - ORDER_NOT_PAYABLE: an order's invoice was asked for with a payment that does not belong to it.
 */
export type InvoiceErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INVOICE'
  | 'ALREADY_PAID'
  | 'INVALID_AMOUNT'
  | 'AMOUNT_EXCEEDS_DUE'
  | 'INSUFFICIENT_FUNDS'
  | 'METHOD_DISABLED'
  | 'IDEMPOTENCY_CONFLICT'
  | 'ORDER_NOT_PAYABLE';

/** An expected invoice failure, with a message fit to show the shopper or staff. */
export class InvoiceError extends AppError<InvoiceErrorCode> {
  constructor(code: InvoiceErrorCode, message: string, params: ErrorParams = {}) {
    super(code, params, message);
    this.name = 'InvoiceError';
  }
}
