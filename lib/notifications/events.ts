import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/database';
import { users, type Invoice, type Order, type Payment } from '@/db/schema';
import { enqueueMail } from './outbox';
import type { MailParams, MailTemplate, OrderPaymentChoice, RefundDestination } from './templates';

// One function per event that e-mails a shopper, each a step of the transaction that records the
// event (so a rolled-back event sends nothing) and keyed by the event (so a replay adds nothing).

async function mailUser<T extends MailTemplate>(tx: Tx, userId: number, dedupeKey: string, template: T, params: MailParams<T>): Promise<{ id: number } | undefined> {
  const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) return undefined;
  return enqueueMail(tx, { dedupeKey, to: { address: user.email, userId }, template, params });
}

type OrderFacts = Pick<Order, 'id' | 'number' | 'userId' | 'amountTotal' | 'currency' | 'paymentMethod'>;

/** The order was placed; `method` says wallet_and_card when a wallet part was held (default: the order's method). */
export function notifyOrderPlaced(tx: Tx, order: OrderFacts, method: OrderPaymentChoice = order.paymentMethod) {
  return mailUser(tx, order.userId, `order-placed:${order.id}`, 'orderPlaced', { number: order.number, total: order.amountTotal, currency: order.currency, method });
}

/** The order's payment arrived (or was marked received). */
export function notifyOrderPaid(tx: Tx, order: OrderFacts) {
  return mailUser(tx, order.userId, `order-paid:${order.id}`, 'orderPaid', { number: order.number, total: order.amountTotal, currency: order.currency });
}

/** The order was shipped, with its tracking number when staff gave one. */
export function notifyOrderShipped(tx: Tx, order: Pick<Order, 'id' | 'number' | 'userId' | 'trackingNumber'>) {
  return mailUser(tx, order.userId, `order-shipped:${order.id}`, 'orderShipped', { number: order.number, trackingNumber: order.trackingNumber ?? null });
}

export function notifyOrderDelivered(tx: Tx, order: Pick<Order, 'id' | 'number' | 'userId'>) {
  return mailUser(tx, order.userId, `order-delivered:${order.id}`, 'orderDelivered', { number: order.number });
}

export type CancelRefund = { amount: number; currency: string; destination: RefundDestination };

/** The order was cancelled; `refunds`: what went back and where (empty: nothing had been paid). */
export function notifyOrderCancelled(tx: Tx, order: Pick<Order, 'id' | 'number' | 'userId'>, refunds: CancelRefund[]) {
  return mailUser(tx, order.userId, `order-cancelled:${order.id}`, 'orderCancelled', {
    number: order.number,
    refunds: refunds.filter((refund) => refund.amount > 0).map(({ amount, currency, destination }) => ({ amount, currency, destination })),
  });
}

/** Money was refunded to the shopper's wallet (one e-mail per refund transfer). */
export function notifyRefundToWallet(tx: Tx, refund: { userId: number; transferId: number; amount: number; currency: string; orderNumber: string | null }) {
  return mailUser(tx, refund.userId, `refund-to-wallet:${refund.transferId}`, 'refundToWallet', {
    amount: refund.amount,
    currency: refund.currency,
    number: refund.orderNumber,
  });
}

type InvoiceFacts = Pick<Invoice, 'id' | 'number' | 'userId' | 'amountTotal' | 'amountResidual' | 'currency' | 'dueDate' | 'kind'>;

/**
 * An invoice was issued; its PDF is attached when the e-mail is sent. An invoice born paid (an
 * order's) says no due date; credit notes send nothing here.
 */
export async function notifyInvoiceIssued(tx: Tx, invoice: InvoiceFacts) {
  if (invoice.kind !== 'invoice') return undefined;
  return mailUser(tx, invoice.userId, `invoice-issued:${invoice.id}`, 'invoiceIssued', {
    number: invoice.number,
    total: invoice.amountTotal,
    currency: invoice.currency,
    dueDate: invoice.amountResidual > 0 ? invoice.dueDate.toISOString() : null,
    invoiceId: invoice.id,
  });
}

/** An invoice is paid in full. */
export async function notifyInvoicePaid(tx: Tx, invoice: Pick<Invoice, 'id' | 'number' | 'userId' | 'kind'>) {
  if (invoice.kind !== 'invoice') return undefined;
  return mailUser(tx, invoice.userId, `invoice-paid:${invoice.id}`, 'invoicePaid', { number: invoice.number });
}

/** A top-up (card, or wire confirmed by staff) reached the wallet. */
export function notifyTopUpConfirmed(tx: Tx, payment: Pick<Payment, 'id' | 'userId' | 'amount' | 'currency' | 'reference'>, amount = payment.amount) {
  return mailUser(tx, payment.userId, `top-up-confirmed:${payment.id}`, 'topUpConfirmed', { amount, currency: payment.currency, reference: payment.reference });
}

/** Staff rejected a wire top-up, with their reason. */
export function notifyWireRejected(tx: Tx, payment: Pick<Payment, 'id' | 'userId' | 'amount' | 'currency' | 'reference'>, reason: string) {
  return mailUser(tx, payment.userId, `wire-rejected:${payment.id}`, 'wireRejected', {
    amount: payment.amount,
    currency: payment.currency,
    reference: payment.reference,
    reason,
  });
}
