import type { PaymentMethod, PaymentProvider } from '@/db/schema';
import { CheckoutError } from './errors';

/**
 * Idempotency keys of checkout and invoice payments, each built by one typed helper (never a
 * template written at the call site), and the one check of the attempt keys shoppers send.
 * The strings are those the shop has always written, so payments begun before stay idempotent.
 */

// Printable ASCII without spaces, 1 to 100 characters (a UUID in practice): nothing a database
// could refuse (PostgreSQL refuses NUL in text), nothing unbounded.
const attemptKeyPattern = /^[\x21-\x7e]{1,100}$/;

/**
 * The one attempt-key check: an attempt key (checkout key, Pay Now key) comes from the page the
 * shopper saw, one per rendering; a missing, blank or oversized one is refused before anything is read.
 */
export function checkAttemptKey(key: unknown): string {
  if (typeof key !== 'string' || !attemptKeyPattern.test(key)) {
    throw new CheckoutError('INVALID_KEY', 'Reload the page and try again.');
  }
  return key;
}

/** Which payments row of an order a key names. */
export type OrderPaymentPart =
  /** The one payment of an order placed with this method (or recorded by staff for it). */
  | { method: PaymentMethod | Extract<PaymentProvider, 'wire_transfer' | 'cash_on_delivery'> }
  /** A part of Wallet and Card at checkout. */
  | { walletAndCard: 'wallet' | 'card' }
  /** A new card payment of an order still waiting for one, per attempt key. */
  | { cardAgain: string };

/** The idempotency key of an order's payments row. */
export function orderPaymentKey(orderId: number, part: OrderPaymentPart): string {
  if ('method' in part) return `order:${orderId}:${part.method}`;
  if ('walletAndCard' in part) return `order:${orderId}:${part.walletAndCard}_part`;
  return `order:${orderId}:card:${part.cardAgain}`;
}

/** How a shopper pays an invoice: from the wallet, by card, or a part of Wallet and Card. */
export type InvoicePaymentWay = 'wallet' | 'card' | { walletAndCard: 'wallet' | 'card' };

/** The idempotency key of an invoice's payments row: one per invoice, shopper, way and attempt key. */
export function invoicePaymentKey(invoiceId: number, userId: number, way: InvoicePaymentWay, attemptKey: string): string {
  if (typeof way === 'string') return `invoice:${invoiceId}:${way}:${userId}:${attemptKey}`;
  return `invoice:${invoiceId}:split:${userId}:${attemptKey}:${way.walletAndCard}`;
}

/** What a ledger transfer of a payment does. */
export type PaymentTransferPurpose =
  /** The payment pays its order (… → sales). */
  | 'order'
  /** The payment pays (part of) its invoice (… → sales). */
  | 'invoice'
  /** Card money beyond an invoice's amount due, kept in the wallet. */
  | 'invoice-excess'
  /** Card money whose order no longer waits for it, kept in the wallet. */
  | 'deposit';

/** The ledger idempotency key of a payment's transfer: one transfer per payment and purpose. */
export function paymentTransferKey(paymentId: number, purpose: PaymentTransferPurpose): string {
  return `payment:${paymentId}:${purpose}`;
}

/** The payments row of a demo invoice that the seed marks paid (one per invoice). */
export function demoSeedInvoicePaymentKey(invoiceId: number): string {
  return `demo-seed:invoice:${invoiceId}`;
}
