import { and, desc, eq } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { payments, users, type Order, type Payment } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { createInvoiceForPaidOrder } from '@/lib/invoices/from-order';
import { postTransfer } from '@/lib/ledger';
import { createPaymentRecord, findPayment, movePayment } from '@/lib/payments/records';
import { captureWalletHold, findWalletHold, releaseWalletHold } from '@/lib/payments/split';
import { getSettings } from '@/lib/settings';
import { CheckoutError } from './errors';
import { orderPaymentKey, paymentTransferKey } from './keys';
import { awaitsCashOnDelivery, findOrder, settleOrder } from './orders';

/**
 * Delivers a completed card payment of an order, as a step of completePayment's transaction:
 * posts card_clearing → sales and marks the order paid (with Automatic Invoice). For the card
 * part of Wallet and Card the wallet hold is captured (posted) in the same transaction, so the
 * order is paid by both parts or by neither. Should the order no longer be waiting (paid another
 * way meanwhile) or the split's hold be gone (released), the money the card provider took is not
 * lost: it is added to the shopper's wallet instead. Returns the transfer's id.
 */
export async function deliverOrderPayment(tx: Tx, payment: Payment, amount: number): Promise<number> {
  const order = payment.orderId === null ? undefined : await findOrder(tx, payment.orderId);
  if (!order || order.userId !== payment.userId) throw new CheckoutError('NOT_FOUND', 'This payment does not belong to an order.', { subject: 'orderPayment' });
  const hold = await findWalletHold(tx, { orderId: order.id });
  const due = order.amountTotal - (hold?.amount ?? 0);
  const splitRemainder = hold === undefined && amount < order.amountTotal;
  if (order.currency !== payment.currency || (amount !== due && !splitRemainder)) {
    throw new CheckoutError('AMOUNT_MISMATCH', `The amount received does not match order ${order.number}.`, { reason: 'order', number: order.number });
  }
  const base = {
    amount,
    currency: order.currency,
    orderId: order.id,
    paymentId: payment.id,
    createdBy: payment.userId,
  };
  // The hold is captured before anything else: on PostgreSQL it may have been released (expired,
  // cancelled) since it was read, and then the card part alone does not pay the order.
  const paysOrder = order.state === 'confirmed' && amount === due && (!hold || (await captureWalletHold(tx, hold.id)));
  if (!paysOrder) {
    if (hold) await releaseWalletHold(tx, hold.id, { code: 'orderSettled', params: { number: order.number } });
    const { transfer } = await postTransfer(tx, {
      ...base,
      debit: { system: 'card_clearing', currency: order.currency },
      credit: { wallet: order.userId, currency: order.currency },
      kind: 'deposit_card',
      idempotencyKey: paymentTransferKey(payment.id, 'deposit'),
      description: {
        code: order.state === 'confirmed' ? 'orderCardAfterRelease' : 'orderCardAfterSettled',
        params: { reference: payment.reference, number: order.number },
      },
    });
    return transfer.id;
  }
  const { transfer } = await postTransfer(tx, {
    ...base,
    debit: { system: 'card_clearing', currency: order.currency },
    credit: { system: 'sales', currency: order.currency },
    kind: 'payment',
    idempotencyKey: paymentTransferKey(payment.id, 'order'),
    description: { code: hold ? 'orderPaymentCardPart' : 'orderPayment', params: { number: order.number } },
  });
  await settleOrder(tx, order, payment.id);
  // The invoice lists both parts of a split payment.
  if (hold && (await getSettings(tx)).automaticInvoice) await createInvoiceForPaidOrder(tx, order.id, hold.id);
  return transfer.id;
}

export type MarkOrderPaidOutcome = { status: 'paid'; order: Order; payment: Payment } | { status: 'already_paid'; order: Order };

async function assertStaff(q: Query, staffId: number): Promise<void> {
  const [staff] = await q.select({ role: users.role }).from(users).where(eq(users.id, staffId));
  if (staff?.role !== 'staff') throw new CheckoutError('FORBIDDEN', 'Only staff can mark an order as paid.');
}

async function openOfflinePayment(tx: Tx, order: Order, provider: 'wire_transfer' | 'cash_on_delivery'): Promise<Payment> {
  const [open] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, order.id), eq(payments.provider, provider), eq(payments.state, 'pending')))
    .orderBy(desc(payments.id))
    .limit(1);
  if (open) return open;
  // An order placed before its payment row existed: record one under the checkout's own key.
  const { payment } = await createPaymentRecord(tx, {
    userId: order.userId,
    purpose: 'order',
    provider,
    amount: order.amountTotal,
    currency: order.currency,
    orderId: order.id,
    idempotencyKey: orderPaymentKey(order.id, { method: provider }),
  });
  return payment;
}

/**
 * Staff record that a Wire Transfer or Cash on Delivery order's money arrived (Cash on Delivery
 * also once the order is processing, shipped or delivered: the courier takes the money at the
 * door; the order then keeps its state and gets its paidAt): in one transaction
 * the ledger posts bank_clearing → sales (cash taken on delivery is paid in at the bank too, so it
 * uses the same clearing account, with the memo "cash on delivery"), the payment becomes done, the
 * order paid (Automatic Invoice follows) and the audit log records who did it. A second call (double
 * click, two staff at once) changes nothing and says so: the order's UPDATE … WHERE state =
 * 'confirmed' lets one of them through, and the other's transaction rolls back and reads the paid order.
 */
export async function markOrderPaid(db: Database, orderId: number, staffId: number): Promise<MarkOrderPaidOutcome> {
  try {
    return await markOrderPaidOnce(db, orderId, staffId);
  } catch (error) {
    // Two staff at once on PostgreSQL: the one whose statements found the order (or its payment)
    // settled by the other rolled back; it is told the order is paid.
    if (error instanceof CheckoutError && error.code === 'FORBIDDEN') throw error;
    const order = await findOrder(db.read, orderId);
    if (order && (order.state === 'paid' || order.paidAt !== null)) return { status: 'already_paid', order };
    throw error;
  }
}

async function markOrderPaidOnce(db: Database, orderId: number, staffId: number): Promise<MarkOrderPaidOutcome> {
  return db.write(async (tx): Promise<MarkOrderPaidOutcome> => {
    await assertStaff(tx, staffId);
    const order = await findOrder(tx, orderId);
    if (!order) throw new CheckoutError('NOT_FOUND', 'This order does not exist.', { subject: 'order' });
    if (order.state === 'paid' || order.paidAt !== null) return { status: 'already_paid', order };
    if (order.state === 'canceled') throw new CheckoutError('INVALID_STATE', `Order ${order.number} was cancelled.`, { reason: 'orderCancelled', number: order.number });
    if (order.state !== 'confirmed' && !awaitsCashOnDelivery(order)) {
      throw new CheckoutError('INVALID_STATE', `Order ${order.number} is no longer waiting for payment.`, { reason: 'orderNotAwaiting', number: order.number });
    }
    const method = order.paymentMethod;
    if (method !== 'wire_transfer' && method !== 'cash_on_delivery') {
      throw new CheckoutError('INVALID_STATE', `Order ${order.number} is paid by ${method === 'card' ? 'card' : 'wallet'}, not by staff.`, {
      reason: method === 'card' ? 'orderPaidByCard' : 'orderPaidByWallet',
      number: order.number,
    });
    }
    const payment = await openOfflinePayment(tx, order, method);
    const { transfer } = await postTransfer(tx, {
      debit: { system: 'bank_clearing', currency: order.currency },
      credit: { system: 'sales', currency: order.currency },
      amount: order.amountTotal,
      currency: order.currency,
      kind: 'payment',
      idempotencyKey: paymentTransferKey(payment.id, 'order'),
      description: { code: 'orderPayment', params: { number: order.number } },
      memo: method === 'cash_on_delivery' ? 'cash on delivery' : `wire transfer ${payment.reference}`,
      orderId: order.id,
      paymentId: payment.id,
      createdBy: staffId,
    });
    await movePayment(tx, payment.id, 'pending', 'done', { transferId: transfer.id });
    const paid = await settleOrder(tx, order, payment.id);
    await recordAudit(tx, {
      actorId: staffId,
      action: 'order.mark_paid',
      subjectUserId: order.userId,
      amount: order.amountTotal,
      currency: order.currency,
      details: { order: order.number, payment: payment.reference, method },
    });
    return { status: 'paid', order: paid, payment: (await findPayment(tx, payment.id)) ?? payment };
  });
}
