import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, type LedgerTransfer } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { getTransfer, postPendingTransfer, voidPendingTransfer } from '@/lib/ledger';
import { findPayment } from './records';
import { refundStripePayment, type RefundOutcome } from './stripe-refunds';

/**
 * A card refund is a pending ledger transfer of kind refund_deposit_to_card (a top-up's refund
 * debits the wallet; an order's card share debits sales and carries the order id). It is posted
 * when the provider refunded the card, voided only when the provider definitely refused.
 */

/** Stripe idempotency key of a card refund: one per transfer, the same on every retry. */
export function cardRefundKey(transfer: Pick<LedgerTransfer, 'id' | 'orderId'>): string {
  return transfer.orderId === null ? `wallet-refund:${transfer.id}` : `order-refund:${transfer.id}`;
}

/** Asks the provider that took the card payment to refund this transfer's amount (Demo: at once). */
export async function askProviderForCardRefund(transfer: LedgerTransfer, options: { lookFirst?: boolean } = {}): Promise<RefundOutcome> {
  // A deposit recorded without a payment (seed, tests) has no provider to ask.
  if (transfer.paymentId === null) return { outcome: 'done' };
  const payment = findPayment(transfer.paymentId);
  if (!payment) return { outcome: 'refused', code: 'payment_missing' };
  if (payment.provider === 'demo') return { outcome: 'done' };
  if (payment.provider !== 'stripe' || !payment.providerReference) return { outcome: 'refused', code: 'provider_cannot_refund' };
  return refundStripePayment({ sessionId: payment.providerReference, amount: transfer.amount, idempotencyKey: cardRefundKey(transfer) }, options);
}

/**
 * Records a provider's answer, exactly once: done → posted, refused → voided (an order's share is
 * taken off its amount_refunded in the same transaction), unknown → still pending. A transfer a
 * twin (retry, reconciler) settled first is returned as it is.
 */
export function settleCardRefund(transferId: number, outcome: RefundOutcome, resolvedBy?: number): LedgerTransfer {
  return writeTransaction(() => {
    const transfer = getTransfer(transferId);
    if (!transfer) throw new Error(`No transfer ${transferId}.`);
    if (transfer.state !== 'pending' || outcome.outcome === 'unknown') return transfer;
    if (outcome.outcome === 'done') return postPendingTransfer({ transferId, resolvedBy });
    const voided = voidPendingTransfer({ transferId, resolvedBy, reason: outcome.code });
    if (transfer.orderId !== null) {
      db.update(orders)
        .set({ amountRefunded: sql`${orders.amountRefunded} - ${transfer.amount}` })
        .where(eq(orders.id, transfer.orderId))
        .run();
    }
    return voided;
  });
}

export type CardRefundSettlement = { transfer: LedgerTransfer; outcome: RefundOutcome };

/** Asks the provider (outside any transaction), then records its answer. */
export async function refundCardTransfer(transfer: LedgerTransfer, options: { resolvedBy?: number; lookFirst?: boolean } = {}): Promise<CardRefundSettlement> {
  const outcome = await askProviderForCardRefund(transfer, { lookFirst: options.lookFirst });
  return { transfer: settleCardRefund(transfer.id, outcome, options.resolvedBy), outcome };
}
