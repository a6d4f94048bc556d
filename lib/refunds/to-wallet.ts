import { and, desc, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { ledgerTransfers, orders, type LedgerTransfer, type Order } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { recordAudit } from '@/lib/admin/audit';
import { postTransfer } from '@/lib/ledger';
import { isPositiveAmount } from '@/lib/money';

export type RefundToWalletInput = {
  orderId: number;
  /** Positive minor units of the order's currency. */
  amount: number;
  staffId: number;
  reason: string;
  /** The form's hidden uuid: the same attempt refunds once. */
  attemptKey: string;
};

export type RefundToWalletResult =
  | { status: 'refunded'; transfer: LedgerTransfer; replayed: boolean; order: Order }
  | { status: 'not_found' }
  | { status: 'not_paid'; order: Order }
  | { status: 'invalid_amount' }
  | { status: 'exceeds_refundable'; refundable: number; currency: string };

/** What can still be refunded on an order: its total minus what was refunded, and only once paid. */
export function refundableAmount(order: Pick<Order, 'state' | 'amountTotal' | 'amountRefunded'>): number {
  return order.state === 'paid' ? Math.max(0, order.amountTotal - order.amountRefunded) : 0;
}

function findOrder(orderId: number): Order | undefined {
  return db.select().from(orders).where(eq(orders.id, orderId)).get();
}

/** The transfer that paid the order (the latest posted payment linked to it), if the ledger has one. */
function paymentTransferOf(orderId: number): number | undefined {
  return db
    .select({ id: ledgerTransfers.id })
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.orderId, orderId), eq(ledgerTransfers.kind, 'payment'), eq(ledgerTransfers.state, 'posted')))
    .orderBy(desc(ledgerTransfers.id))
    .get()?.id;
}

/**
 * Refunds all or part of a paid order into the customer's wallet, in one transaction: the order's
 * amount_refunded grows only while it stays within the total (a conditional update, so two staff
 * refunding at once cannot exceed it), the ledger moves sales → wallet (kind refund_to_wallet)
 * and the audit log records who did it and why. A retried attempt changes nothing more.
 */
export function refundOrderToWallet(input: RefundToWalletInput): RefundToWalletResult {
  if (!isPositiveAmount(input.amount)) return { status: 'invalid_amount' };
  const reason = input.reason.trim();
  const idempotencyKey = `refund:${input.orderId}:${input.attemptKey}:${input.amount}`;
  return writeTransaction((): RefundToWalletResult => {
    const order = findOrder(input.orderId);
    if (!order) return { status: 'not_found' };

    const earlier = db.select().from(ledgerTransfers).where(eq(ledgerTransfers.idempotencyKey, idempotencyKey)).get();
    if (earlier) return { status: 'refunded', transfer: earlier, replayed: true, order };
    if (order.state !== 'paid') return { status: 'not_paid', order };

    const updated = db
      .update(orders)
      .set({ amountRefunded: sql`${orders.amountRefunded} + ${input.amount}` })
      .where(
        and(
          eq(orders.id, order.id),
          eq(orders.state, 'paid'),
          sql`${orders.amountRefunded} + ${input.amount} <= ${orders.amountTotal}`,
        ),
      )
      .returning()
      .get();
    if (!updated) return { status: 'exceeds_refundable', refundable: refundableAmount(order), currency: order.currency };

    const { transfer } = postTransfer({
      debit: { system: 'sales', currency: order.currency },
      credit: { wallet: order.userId, currency: order.currency },
      amount: input.amount,
      currency: order.currency,
      kind: 'refund_to_wallet',
      idempotencyKey,
      description: `Refund for order ${order.number}: ${reason}`,
      memo: reason,
      orderId: order.id,
      relatedTransferId: paymentTransferOf(order.id),
      createdBy: input.staffId,
    });
    recordAudit({
      actorId: input.staffId,
      action: 'order.refund_to_wallet',
      subjectUserId: order.userId,
      amount: input.amount,
      currency: order.currency,
      reason,
      details: { order: order.number, transfer: transfer.reference },
    });
    return { status: 'refunded', transfer, replayed: false, order: updated };
  });
}
