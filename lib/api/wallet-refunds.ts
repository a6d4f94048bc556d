import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Query, Tx } from '@/db/database';
import { apiPaymentRefunds, apiPayments, type Payment } from '@/db/schema';
import { postTransfer } from '@/lib/ledger';
import { findApiPayment } from './wallet-payments';

const storedItems = z.array(z.object({ name: z.string().nullable(), externalId: z.string().nullable(), price: z.number().int() }));

/** The items of an API payment as stored, amounts in minor units. */
export function paymentItems(items: string) {
  return storedItems.parse(JSON.parse(items));
}

/**
 * The platform's payment transaction id of an item: payment id × 1000 + item number (from 1),
 * so it is stable and needs no table of its own. A payment has at most 200 items.
 */
export function paymentTransactionId(paymentId: number, itemNumber: number): number {
  return paymentId * 1000 + itemNumber;
}

/** The payment and item number behind a payment transaction id. */
export function splitPaymentTransactionId(id: number): { paymentId: number; itemNumber: number } {
  return { paymentId: Math.floor(id / 1000), itemNumber: id % 1000 };
}

/** What each item of a payment has been refunded so far, by item number. */
export async function refundedByItem(q: Query, paymentId: number): Promise<Map<number, number>> {
  const rows = await q
    .select({ itemIndex: apiPaymentRefunds.itemIndex, total: sql<number>`coalesce(sum(${apiPaymentRefunds.amount}), 0)`.mapWith(Number) })
    .from(apiPaymentRefunds)
    .where(eq(apiPaymentRefunds.paymentId, paymentId))
    .groupBy(apiPaymentRefunds.itemIndex);
  return new Map(rows.map((row) => [row.itemIndex, row.total]));
}

/** An item to refund; amount null means what that item has left. */
export type RefundPart = { itemNumber: number; amount: number | null };

export type WalletRefundResult =
  | { status: 'refunded'; payment: Payment; transferId: number; refunds: (typeof apiPaymentRefunds.$inferSelect)[] }
  | { status: 'not_found' }
  | { status: 'too_much'; refundable: number }
  | { status: 'nothing_to_refund' };

/**
 * Refunds parts of an API wallet payment back to the buyer's wallet, as a step of the caller's
 * transaction: one ledger transfer sales → wallet (kind refund_to_wallet) and a row per item, never
 * beyond what each item has left. `parts` null means everything still refundable. The payment's
 * row is locked first (a no-op UPDATE), so concurrent refunds of one payment on PostgreSQL read
 * what each item has left one after another, never both before either writes.
 */
export async function refundWalletPayment(tx: Tx, input: {
  paymentId: number;
  parts: RefundPart[] | null;
  conversationId: string | null;
  apiKeyId: number;
  attemptKey: string;
  staffId: number;
}): Promise<WalletRefundResult> {
  {
    // Serializes refunds of this payment (the lock is held until the caller's transaction ends).
    await tx.update(apiPayments).set({ paymentGroup: sql`${apiPayments.paymentGroup}` }).where(eq(apiPayments.paymentId, input.paymentId));
    const found = await findApiPayment(tx, input.paymentId);
    if (!found || found.payment.state !== 'done') return { status: 'not_found' };
    const { payment, details } = found;
    const paymentTransferId = payment.transferId;
    if (paymentTransferId === null) return { status: 'not_found' };
    const items = paymentItems(details.items);
    const refunded = await refundedByItem(tx, payment.id);
    const left = (itemNumber: number) => (items[itemNumber - 1]?.price ?? 0) - (refunded.get(itemNumber) ?? 0);

    const requested = input.parts ?? items.map((_, index) => ({ itemNumber: index + 1, amount: null }));
    if (requested.some((part) => part.itemNumber < 1 || part.itemNumber > items.length)) return { status: 'not_found' };
    const parts = requested
      .map((part) => ({ itemNumber: part.itemNumber, amount: part.amount ?? left(part.itemNumber) }))
      .filter((part) => part.amount > 0);
    if (parts.length === 0) return { status: 'nothing_to_refund' };
    for (const part of parts) {
      if (part.amount > left(part.itemNumber)) return { status: 'too_much', refundable: left(part.itemNumber) };
    }
    const amount = parts.reduce((sum, part) => sum + part.amount, 0);
    const { transfer } = await postTransfer(tx, {
      debit: { system: 'sales', currency: payment.currency },
      credit: { wallet: payment.userId, currency: payment.currency },
      amount,
      currency: payment.currency,
      kind: 'refund_to_wallet',
      idempotencyKey: `api:refund:${input.apiKeyId}:${input.attemptKey}`,
      description: { code: 'paymentRefund', params: { reference: payment.reference } },
      paymentId: payment.id,
      relatedTransferId: paymentTransferId,
      createdBy: input.staffId,
    });
    const now = new Date();
    const refunds = await tx
      .insert(apiPaymentRefunds)
      .values(
        parts.map((part) => ({
          paymentId: payment.id,
          itemIndex: part.itemNumber,
          amount: part.amount,
          currency: payment.currency,
          transferId: transfer.id,
          conversationId: input.conversationId,
          createdAt: now,
        })),
      )
      .returning();
    refunds.sort((a, b) => a.id - b.id);
    return { status: 'refunded', payment, transferId: transfer.id, refunds };
  }
}
