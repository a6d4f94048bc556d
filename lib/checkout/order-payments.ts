import { and, desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { payments, users, type Order, type Payment } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { recordAudit } from '@/lib/admin/audit';
import { postTransfer } from '@/lib/ledger';
import { createInvoiceForPaidOrder } from '@/lib/invoices/from-order';
import { createPaymentRecord, movePayment } from '@/lib/payments/records';
import { captureWalletHold, findWalletHold, releaseWalletHold } from '@/lib/payments/split';
import { getSettings } from '@/lib/settings';
import { CheckoutError } from './errors';
import { findOrder, settleOrder } from './orders';

/**
 * Delivers a completed card payment of an order (called by completePayment inside its
 * transaction): posts card_clearing → sales and marks the order paid (with Automatic Invoice).
 * For the card part of a split payment the wallet hold is captured (posted) in the same
 * transaction, so the order is paid by both parts or by neither. Should the order no longer be
 * waiting (paid another way meanwhile) or the split's hold be gone (released), the money the card
 * provider took is not lost: it is added to the shopper's wallet instead. Returns the transfer's id.
 */
export function deliverOrderPayment(payment: Payment, amount: number): number {
  return writeTransaction(() => {
    const order = payment.orderId === null ? undefined : findOrder(payment.orderId);
    if (!order || order.userId !== payment.userId) throw new CheckoutError('NOT_FOUND', 'This payment does not belong to an order.');
    const hold = findWalletHold({ orderId: order.id });
    const due = order.amountTotal - (hold?.amount ?? 0);
    const splitRemainder = hold === undefined && amount < order.amountTotal;
    if (order.currency !== payment.currency || (amount !== due && !splitRemainder)) {
      throw new CheckoutError('AMOUNT_MISMATCH', `The amount received does not match order ${order.number}.`);
    }
    const base = {
      amount,
      currency: order.currency,
      orderId: order.id,
      paymentId: payment.id,
      createdBy: payment.userId,
    };
    if (order.state !== 'confirmed' || amount !== due) {
      if (hold) releaseWalletHold(hold.id, `Order ${order.number} was already settled.`);
      return postTransfer({
        ...base,
        debit: { system: 'card_clearing', currency: order.currency },
        credit: { wallet: order.userId, currency: order.currency },
        kind: 'deposit_card',
        idempotencyKey: `payment:${payment.id}:deposit`,
        description:
          order.state === 'confirmed'
            ? `Card payment ${payment.reference} for order ${order.number}, whose wallet part had been released: added to your wallet`
            : `Card payment ${payment.reference} for order ${order.number}, which was already settled: added to your wallet`,
      }).transfer.id;
    }
    const { transfer } = postTransfer({
      ...base,
      debit: { system: 'card_clearing', currency: order.currency },
      credit: { system: 'sales', currency: order.currency },
      kind: 'payment',
      idempotencyKey: `payment:${payment.id}:order`,
      description: hold ? `Payment for order ${order.number} (card part)` : `Payment for order ${order.number}`,
    });
    if (hold) captureWalletHold(hold.id);
    settleOrder(order, payment.id);
    // The invoice lists both parts of a split payment.
    if (hold && getSettings().automaticInvoice) createInvoiceForPaidOrder(order.id, hold.id);
    return transfer.id;
  });
}

export type MarkOrderPaidOutcome = { status: 'paid'; order: Order; payment: Payment } | { status: 'already_paid'; order: Order };

function assertStaff(staffId: number): void {
  const staff = db.select({ role: users.role }).from(users).where(eq(users.id, staffId)).get();
  if (staff?.role !== 'staff') throw new CheckoutError('FORBIDDEN', 'Only staff can mark an order as paid.');
}

function openOfflinePayment(order: Order, provider: 'wire_transfer' | 'cash_on_delivery'): Payment {
  const open = db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, order.id), eq(payments.provider, provider), eq(payments.state, 'pending')))
    .orderBy(desc(payments.id))
    .get();
  if (open) return open;
  // An order placed before its payment row existed: record one under the checkout's own key.
  return createPaymentRecord({
    userId: order.userId,
    purpose: 'order',
    provider,
    amount: order.amountTotal,
    currency: order.currency,
    orderId: order.id,
    idempotencyKey: `order:${order.id}:${provider}`,
  }).payment;
}

/**
 * Staff record that a Wire Transfer or Cash on Delivery order's money arrived: in one transaction
 * the ledger posts bank_clearing → sales (cash taken on delivery is paid in at the bank too, so it
 * uses the same clearing account, with the memo "cash on delivery"), the payment becomes done, the
 * order paid (Automatic Invoice follows) and the audit log records who did it. A second call (double
 * click, two staff at once) changes nothing and says so.
 */
export function markOrderPaid(orderId: number, staffId: number): MarkOrderPaidOutcome {
  return writeTransaction(() => {
    assertStaff(staffId);
    const order = findOrder(orderId);
    if (!order) throw new CheckoutError('NOT_FOUND', 'This order does not exist.');
    if (order.state === 'paid') return { status: 'already_paid', order };
    if (order.state !== 'confirmed') throw new CheckoutError('INVALID_STATE', `Order ${order.number} was cancelled.`);
    const method = order.paymentMethod;
    if (method !== 'wire_transfer' && method !== 'cash_on_delivery') {
      throw new CheckoutError('INVALID_STATE', `Order ${order.number} is paid by ${method === 'card' ? 'card' : 'wallet'}, not by staff.`);
    }
    const payment = openOfflinePayment(order, method);
    const { transfer } = postTransfer({
      debit: { system: 'bank_clearing', currency: order.currency },
      credit: { system: 'sales', currency: order.currency },
      amount: order.amountTotal,
      currency: order.currency,
      kind: 'payment',
      idempotencyKey: `payment:${payment.id}:order`,
      description: `Payment for order ${order.number}`,
      memo: method === 'cash_on_delivery' ? 'cash on delivery' : `wire transfer ${payment.reference}`,
      orderId: order.id,
      paymentId: payment.id,
      createdBy: staffId,
    });
    movePayment(payment.id, 'pending', 'done', { transferId: transfer.id });
    const paid = settleOrder(order, payment.id);
    recordAudit({
      actorId: staffId,
      action: 'order.mark_paid',
      subjectUserId: order.userId,
      amount: order.amountTotal,
      currency: order.currency,
      details: { order: order.number, payment: payment.reference, method },
    });
    const done = db.select().from(payments).where(eq(payments.id, payment.id)).get() ?? payment;
    return { status: 'paid', order: paid, payment: done };
  });
}
