import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database, Query } from '@/db/database';
import { ledgerTransfers, orders, type LedgerTransfer, type Order } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { postTransfer } from '@/lib/ledger';
import { isPositiveAmount } from '@/lib/money';
import { notifyRefundToWallet } from '@/lib/notifications/events';
import { isPaid, paidStates } from '@/lib/orders/status';

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

/**
 * What can still be refunded on an order: its total minus what was refunded, once its money
 * arrived (paid, processing, shipped or delivered; an unpaid Cash on Delivery order ships first)
 * and as long as it is not cancelled (a cancel refunds what is left itself).
 */
export function refundableAmount(order: Pick<Order, 'state' | 'paidAt' | 'amountTotal' | 'amountRefunded'>): number {
  return isPaid(order) ? Math.max(0, order.amountTotal - order.amountRefunded) : 0;
}

/** The guard of a refund's UPDATE: the order is (still) paid and not cancelled. */
export function paidOrderFilter() {
  return and(inArray(orders.state, paidStates), isNotNull(orders.paidAt));
}

async function findOrder(q: Query, orderId: number): Promise<Order | undefined> {
  // PostgreSQL refuses a non-integer or out-of-range id as a parameter: such an id is no order.
  if (!Number.isSafeInteger(orderId) || orderId < 1 || orderId > 2_147_483_647) return undefined;
  const [order] = await q.select().from(orders).where(eq(orders.id, orderId));
  return order;
}

/** The transfer that paid the order (the latest posted payment linked to it), if the ledger has one. */
async function paymentTransferOf(q: Query, orderId: number): Promise<number | undefined> {
  const [row] = await q
    .select({ id: ledgerTransfers.id })
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.orderId, orderId), eq(ledgerTransfers.kind, 'payment'), eq(ledgerTransfers.state, 'posted')))
    .orderBy(desc(ledgerTransfers.id))
    .limit(1);
  return row?.id;
}

/**
 * Refunds all or part of a paid order into the customer's wallet, in one transaction: the order's
 * amount_refunded grows only while it stays within the total (a conditional update, so two staff
 * refunding at once cannot exceed it), the ledger moves sales → wallet (kind refund_to_wallet)
 * and the audit log records who did it and why. A retried attempt changes nothing more.
 */
export async function refundOrderToWallet(db: Database, input: RefundToWalletInput): Promise<RefundToWalletResult> {
  try {
    return await refundOnce(db, input);
  } catch (error) {
    // Rolled back; the second look finds the twin's transfer and replays it.
    if (error instanceof AttemptRaced) return refundOnce(db, input);
    throw error;
  }
}

/** Thrown (rolling the transaction back) when a twin of this attempt committed first. */
export class AttemptRaced extends Error {
  constructor() {
    super('The same refund attempt was recorded concurrently.');
    this.name = 'AttemptRaced';
  }
}

async function refundOnce(db: Database, input: RefundToWalletInput): Promise<RefundToWalletResult> {
  if (!isPositiveAmount(input.amount)) return { status: 'invalid_amount' };
  const reason = input.reason.trim();
  const idempotencyKey = `refund:${input.orderId}:${input.attemptKey}:${input.amount}`;
  return db.write(async (tx): Promise<RefundToWalletResult> => {
    const order = await findOrder(tx, input.orderId);
    if (!order) return { status: 'not_found' };

    const [earlier] = await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.idempotencyKey, idempotencyKey));
    if (earlier) return { status: 'refunded', transfer: earlier, replayed: true, order };
    if (!isPaid(order)) return { status: 'not_paid', order };

    const [updated] = await tx
      .update(orders)
      .set({ amountRefunded: sql`${orders.amountRefunded} + ${input.amount}` })
      .where(
        and(
          eq(orders.id, order.id),
          paidOrderFilter(),
          sql`${orders.amountRefunded} + ${input.amount} <= ${orders.amountTotal}`,
        ),
      )
      .returning();
    if (!updated) {
      // The UPDATE waited for the order's row lock: a twin of this attempt that committed meanwhile
      // (a double click reaching another server) took the room. It is a replay, not a refusal.
      const [twin] = await tx.select({ id: ledgerTransfers.id }).from(ledgerTransfers).where(eq(ledgerTransfers.idempotencyKey, idempotencyKey));
      if (twin) throw new AttemptRaced();
      return { status: 'exceeds_refundable', refundable: refundableAmount(order), currency: order.currency };
    }

    const { transfer, replayed } = await postTransfer(tx, {
      debit: { system: 'sales', currency: order.currency },
      credit: { wallet: order.userId, currency: order.currency },
      amount: input.amount,
      currency: order.currency,
      kind: 'refund_to_wallet',
      idempotencyKey,
      description: { code: 'orderRefund', params: { number: order.number, reason } },
      memo: reason,
      orderId: order.id,
      relatedTransferId: await paymentTransferOf(tx, order.id),
      createdBy: input.staffId,
    });
    // The same attempt committed on another server after this one looked: undo this one's count.
    if (replayed) throw new AttemptRaced();
    await notifyRefundToWallet(tx, { userId: order.userId, transferId: transfer.id, amount: transfer.amount, currency: transfer.currency, orderNumber: order.number });
    await recordAudit(tx, {
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
