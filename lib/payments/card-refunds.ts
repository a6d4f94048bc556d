import { eq, sql } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { orders, type LedgerTransfer } from '@/db/schema';
import { getTransfer, InvalidStateError, postPendingTransfer, voidPendingTransfer } from '@/lib/ledger';
import { providerFor, type RefundOutcome } from './providers';
import { findPayment } from './records';

export type { RefundOutcome };

/**
 * A card refund is a pending ledger transfer of kind refund_deposit_to_card (a top-up's refund
 * debits the wallet; an order's card share debits sales and carries the order id). It is posted
 * when the provider refunded the card, voided only when the provider definitely refused.
 */

/** Provider idempotency key of a card refund: one per transfer, the same on every retry. */
export function cardRefundKey(transfer: Pick<LedgerTransfer, 'id' | 'orderId'>): string {
  return transfer.orderId === null ? `wallet-refund:${transfer.id}` : `order-refund:${transfer.id}`;
}

/** Asks the provider that took the card payment to refund this transfer's amount (Demo: at once). */
export async function askProviderForCardRefund(q: Query, transfer: LedgerTransfer, options: { lookFirst?: boolean } = {}): Promise<RefundOutcome> {
  // A deposit recorded without a payment (seed, tests) has no provider to ask.
  if (transfer.paymentId === null) return { outcome: 'done' };
  const payment = await findPayment(q, transfer.paymentId);
  if (!payment) return { outcome: 'refused', code: 'payment_missing' };
  if (payment.provider !== 'demo' && payment.provider !== 'stripe') return { outcome: 'refused', code: 'provider_cannot_refund' };
  return providerFor(payment.provider).refund({ payment, amount: transfer.amount, idempotencyKey: cardRefundKey(transfer), lookFirst: options.lookFirst });
}

/**
 * Records a provider's answer as a step of the caller's transaction, exactly once: done → posted,
 * refused → voided (an order's share is taken off its amount_refunded in the same transaction),
 * unknown → still pending. A transfer a twin (a retry, the reconciler on another server) settled
 * first is returned as it is: the ledger resolves a pending transfer once and refuses a second
 * resolve with InvalidStateError, which here means "someone else did it".
 */
export async function settleCardRefundIn(tx: Tx, transferId: number, outcome: RefundOutcome, resolvedBy?: number): Promise<LedgerTransfer> {
  const transfer = await getTransfer(tx, transferId);
  if (!transfer) throw new Error(`No transfer ${transferId}.`);
  if (transfer.state !== 'pending' || outcome.outcome === 'unknown') return transfer;
  if (outcome.outcome === 'done') return postPendingTransfer(tx, { transferId, resolvedBy });
  const voided = await voidPendingTransfer(tx, { transferId, resolvedBy, reason: outcome.code });
  if (transfer.orderId !== null) {
    await tx
      .update(orders)
      .set({ amountRefunded: sql`${orders.amountRefunded} - ${transfer.amount}` })
      .where(eq(orders.id, transfer.orderId));
  }
  return voided;
}

/** settleCardRefundIn in a transaction of its own; a transfer settled meanwhile elsewhere is returned as it is. */
export async function settleCardRefund(db: Database, transferId: number, outcome: RefundOutcome, resolvedBy?: number): Promise<LedgerTransfer> {
  try {
    return await db.write((tx) => settleCardRefundIn(tx, transferId, outcome, resolvedBy));
  } catch (error) {
    if (!(error instanceof InvalidStateError)) throw error;
    const settled = await getTransfer(db.read, transferId);
    if (!settled) throw error;
    return settled;
  }
}

export type CardRefundSettlement = { transfer: LedgerTransfer; outcome: RefundOutcome };

/** Asks the provider (outside any transaction), then records its answer in one. */
export async function refundCardTransfer(
  db: Database,
  transfer: LedgerTransfer,
  options: { resolvedBy?: number; lookFirst?: boolean } = {},
): Promise<CardRefundSettlement> {
  const outcome = await askProviderForCardRefund(db.read, transfer, { lookFirst: options.lookFirst });
  return { transfer: await settleCardRefund(db, transfer.id, outcome, options.resolvedBy), outcome };
}
