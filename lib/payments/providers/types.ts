import type { Database } from '@/db/database';
import type { Payment, PaymentProvider as PaymentProviderName } from '@/db/schema';

/**
 * Where a started payment goes next: a page to send the shopper to (Stripe Checkout, the Demo
 * form), waiting for money that arrives later (a wire, cash on delivery), or already done.
 */
export type StartOutcome = { kind: 'redirect'; url: string } | { kind: 'pending' } | { kind: 'done' };

/**
 * How a refund asked of a provider ended. Only `refused` is a definite no (a held refund may be
 * voided); `unknown` (timeout, connection reset, 5xx, rate limit…) may have refunded, so it waits
 * for the reconciler.
 */
export type RefundOutcome = { outcome: 'done' } | { outcome: 'refused'; code: string } | { outcome: 'unknown' };

export type RefundRequest = {
  /** The payment that took the money. */
  payment: Payment;
  /** Positive minor units of the payment's currency. */
  amount: number;
  /** The same on every retry of this refund (the provider's idempotency key). */
  idempotencyKey: string;
  /** A retry or the reconciler: look for an earlier answer before asking again. */
  lookFirst?: boolean;
};

/**
 * One payment provider. Provider calls never run inside db.write: `start` and `confirm` call the
 * provider first and record its answer in a transaction of their own; `refund` only asks (the
 * caller records the outcome on the ledger).
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** Begins taking the money of a payment row that is already committed (state pending). */
  start(db: Database, payment: Payment, context: { customerEmail: string }): Promise<StartOutcome>;
  /** Asks the provider what became of a payment and applies it (done / closed); returns the row after. */
  confirm(db: Database, payment: Payment): Promise<Payment | undefined>;
  /** Gives `amount` of a done payment back to where it came from. */
  refund(request: RefundRequest): Promise<RefundOutcome>;
}
