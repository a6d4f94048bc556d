import { AppError, type ErrorParams } from '@/lib/errors';

/**
 * Why an order could not be moved, cancelled or switched to another way of paying (words:
 * fulfilment.errors.<code>, chosen by the page):
 * - NOT_FOUND: no such order (or not the shopper's own).
 * - FORBIDDEN: only staff may do this.
 * - INVALID_KEY: the form's attempt key is missing or malformed (reload the page).
 * - NOT_MOVABLE: the order cannot go to that status from where it is ({number}, {from}, {to}).
 * - NOT_CANCELLABLE: the order cannot be cancelled by this person now ({number}, {reason}:
 *   paid | shipped | canceled | other).
 * - PAYMENT_OPEN: a card payment page is still open at the provider and could not be closed
 *   (the provider did not answer); nothing changed, try again shortly ({number}).
 * - NOT_SWITCHABLE: the order no longer waits for its payment ({number}).
 * - METHOD_DISABLED: the shop does not take that way of paying now ({method}).
 * - SAME_METHOD: the order is already paid that way ({method}).
 * - INSUFFICIENT_FUNDS: the wallet does not cover the order.
 */
export type OrderErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'INVALID_KEY'
  | 'NOT_MOVABLE'
  | 'NOT_CANCELLABLE'
  | 'PAYMENT_OPEN'
  | 'NOT_SWITCHABLE'
  | 'METHOD_DISABLED'
  | 'SAME_METHOD'
  | 'INSUFFICIENT_FUNDS';

/** An expected refusal of an order's lifecycle; nothing was changed when it is thrown. */
export class OrderError extends AppError<OrderErrorCode> {
  constructor(code: OrderErrorCode, params: ErrorParams = {}, message?: string) {
    super(code, params, message ?? code);
    this.name = 'OrderError';
  }
}

export const orderErrorCodes: readonly OrderErrorCode[] = [
  'NOT_FOUND',
  'FORBIDDEN',
  'INVALID_KEY',
  'NOT_MOVABLE',
  'NOT_CANCELLABLE',
  'PAYMENT_OPEN',
  'NOT_SWITCHABLE',
  'METHOD_DISABLED',
  'SAME_METHOD',
  'INSUFFICIENT_FUNDS',
];
