import { and, eq, ne } from 'drizzle-orm';
import type { Query, Tx } from '@/db/database';
import { apiKeys, paymentPagePayments, paymentPages, type Payment, type PaymentPage } from '@/db/schema';
import { postTransfer } from '@/lib/ledger';
import { viewOfPage } from './pages';

/**
 * What lib/payments/complete.ts calls for a payment made on a hosted page (a Stripe card payment
 * completed by its webhook, return check or the reconciler, or a Demo deposit): it does not import
 * lib/payments, so the two do not import each other.
 */

/** The page a payment was attempted on, if any. */
export async function pageOfPayment(q: Query, paymentId: number): Promise<PaymentPage | undefined> {
  const [row] = await q
    .select({ page: paymentPages })
    .from(paymentPagePayments)
    .innerJoin(paymentPages, eq(paymentPages.id, paymentPagePayments.pageId))
    .where(eq(paymentPagePayments.paymentId, paymentId));
  return row?.page;
}

/**
 * Captures a page's card payment (a checkout or multi payment, purpose 'order' with no order):
 * card_clearing → sales, once per payment, as the API's card payments capture. Returns the transfer id.
 */
export async function deliverPagePayment(tx: Tx, payment: Payment, page: PaymentPage, amount: number): Promise<number> {
  const [key] = await tx.select({ staffId: apiKeys.staffId }).from(apiKeys).where(eq(apiKeys.id, page.apiKeyId));
  const { transfer } = await postTransfer(tx, {
    debit: { system: 'card_clearing', currency: payment.currency },
    credit: { system: 'sales', currency: payment.currency },
    amount,
    currency: payment.currency,
    kind: 'payment',
    idempotencyKey: `payment:${payment.id}:capture`,
    description: page.conversationId
      ? { code: 'apiPaymentConversation', params: { reference: payment.reference, conversationId: page.conversationId } }
      : { code: 'apiPayment', params: { reference: payment.reference } },
    paymentId: payment.id,
    createdBy: key?.staffId ?? payment.userId,
  });
  return transfer.id;
}

/**
 * Completes the page a payment was made on when nothing remains to pay, in the caller's
 * transaction (after the payment is done). Money a provider took after the page expired still
 * completes it. True when this call completed it.
 */
export async function settlePaymentPage(tx: Tx, paymentId: number, now: Date = new Date()): Promise<boolean> {
  const page = await pageOfPayment(tx, paymentId);
  if (!page || page.state === 'completed') return false;
  const view = await viewOfPage(tx, page, now);
  if (view.remaining > 0) return false;
  const moved = await tx
    .update(paymentPages)
    .set({ state: 'completed', completedAt: now })
    .where(and(eq(paymentPages.id, page.id), ne(paymentPages.state, 'completed')))
    .returning({ id: paymentPages.id });
  return moved.length === 1;
}
