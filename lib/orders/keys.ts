import type { PaymentMethod } from '@/db/schema';
import { OrderError } from './errors';

/**
 * The keys of the order lifecycle, each built by one typed helper (never a template at the call
 * site): attempt keys from the forms, and the idempotency keys they lead to.
 */

// Printable ASCII without spaces, 1 to 100 characters (a UUID in practice), as lib/checkout's.
const attemptKeyPattern = /^[\x21-\x7e]{1,100}$/;

/** A form's attempt key, refused before anything is read when missing, blank or oversized. */
export function checkOrderAttemptKey(key: unknown): string {
  if (typeof key !== 'string' || !attemptKeyPattern.test(key)) throw new OrderError('INVALID_KEY');
  return key;
}

/** The attempt key of one order's move within a bulk action (one audit row per order). */
export function orderMoveAttemptKey(bulkAttemptKey: string, orderId: number): string {
  return `${bulkAttemptKey}:${orderId}`;
}

/**
 * The prefix of the ledger idempotency keys of a cancel's refund (…wallet, …card:<paymentId>,
 * …fallback:<transferId>). An order is cancelled once (its guarded UPDATE), so one prefix per order
 * is one refund per order however often Cancel is clicked.
 */
export function cancelRefundKeyPrefix(orderId: number): string {
  return `order-cancel:${orderId}:`;
}

/** The payments row a switch to another way of paying opens: one per order, attempt and method. */
export function switchPaymentKey(orderId: number, attemptKey: string, method: PaymentMethod): string {
  return `order:${orderId}:switch:${attemptKey}:${method}`;
}
