import { and, desc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { payments, type Payment } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { createPendingTransfer, postPendingTransfer, voidPendingTransfer } from '@/lib/ledger';
import { PaymentError } from './errors';
import { createPaymentRecord, findPayment, movePayment } from './records';

/**
 * Split payments: one order (or invoice) paid partly from the wallet and partly by card. The
 * wallet part is a payments row (provider 'wallet', state 'authorized') whose transfer is a
 * pending ledger debit wallet → sales: a hold. It is posted when the card part completes and
 * voided when the card part fails, is cancelled or the hold's time limit passes.
 */

/** What a split payment pays: an order or an invoice. */
export type SplitTarget = { orderId: number } | { invoiceId: number };

export type WalletHoldInput = {
  userId: number;
  amount: number;
  currency: string;
  target: SplitTarget;
  /** The shop's words for what is paid, e.g. "order S00042". */
  label: string;
  idempotencyKey: string;
};

const cardProviders = ['stripe', 'demo'] as const;

function targetFilter(target: SplitTarget) {
  return 'orderId' in target ? eq(payments.orderId, target.orderId) : eq(payments.invoiceId, target.invoiceId);
}

/** The target of a payment, when it pays an order or an invoice. */
export function splitTargetOf(payment: Pick<Payment, 'orderId' | 'invoiceId'>): SplitTarget | undefined {
  if (payment.orderId !== null) return { orderId: payment.orderId };
  if (payment.invoiceId !== null) return { invoiceId: payment.invoiceId };
  return undefined;
}

/**
 * Holds the wallet part of a split payment: records the wallet payment and a pending debit
 * wallet → sales (the available balance drops at once). The ledger refuses a hold the wallet
 * cannot cover (InsufficientFundsError). Call inside the transaction that opens the split.
 */
export function holdWalletPart(input: WalletHoldInput): Payment {
  return writeTransaction(() => {
    const { payment, created } = createPaymentRecord({
      userId: input.userId,
      purpose: 'orderId' in input.target ? 'order' : 'invoice',
      provider: 'wallet',
      amount: input.amount,
      currency: input.currency,
      orderId: 'orderId' in input.target ? input.target.orderId : undefined,
      invoiceId: 'invoiceId' in input.target ? input.target.invoiceId : undefined,
      idempotencyKey: input.idempotencyKey,
    });
    if (!created) return payment;
    const { transfer } = createPendingTransfer({
      debit: { wallet: input.userId, currency: input.currency },
      credit: { system: 'sales', currency: input.currency },
      amount: input.amount,
      currency: input.currency,
      kind: 'payment',
      idempotencyKey: `payment:${payment.id}:hold`,
      description: `Payment for ${input.label} (wallet part)`,
      memo: `Held for ${input.label}`,
      orderId: 'orderId' in input.target ? input.target.orderId : undefined,
      invoiceId: 'invoiceId' in input.target ? input.target.invoiceId : undefined,
      paymentId: payment.id,
      createdBy: input.userId,
    });
    movePayment(payment.id, 'pending', 'authorized', { transferId: transfer.id });
    const held = findPayment(payment.id);
    if (!held) throw new PaymentError('NOT_FOUND', 'The wallet part vanished.');
    return held;
  });
}

/** The wallet part still on hold for an order or invoice, if a split payment is in progress. */
export function findWalletHold(target: SplitTarget): Payment | undefined {
  return db
    .select()
    .from(payments)
    .where(and(targetFilter(target), eq(payments.provider, 'wallet'), eq(payments.state, 'authorized')))
    .orderBy(desc(payments.id))
    .get();
}

/** The open card payments (pending or authorized) of an order or invoice, newest first. */
export function listOpenCardPayments(target: SplitTarget): Payment[] {
  return db
    .select()
    .from(payments)
    .where(and(targetFilter(target), inArray(payments.provider, cardProviders), inArray(payments.state, ['pending', 'authorized'])))
    .orderBy(desc(payments.id))
    .all();
}

/**
 * Captures a hold: posts its pending transfer and marks the wallet part done. Exactly once: a
 * hold already captured or released returns false and moves nothing. Call inside the transaction
 * that completes the card part.
 */
export function captureWalletHold(holdId: number): boolean {
  return writeTransaction(() => {
    const hold = findPayment(holdId);
    if (!hold || hold.provider !== 'wallet' || hold.state !== 'authorized' || hold.transferId === null) return false;
    postPendingTransfer({ transferId: hold.transferId, resolvedBy: hold.userId });
    return movePayment(hold.id, 'authorized', 'done', { failureMessage: null });
  });
}

/**
 * Releases a hold: voids its pending transfer (the wallet's available balance comes back) and
 * marks the wallet part canceled with `reason`. Exactly once: false when it was already resolved.
 */
export function releaseWalletHold(holdId: number, reason: string): boolean {
  return writeTransaction(() => {
    const hold = findPayment(holdId);
    if (!hold || hold.provider !== 'wallet' || hold.state !== 'authorized' || hold.transferId === null) return false;
    voidPendingTransfer({ transferId: hold.transferId, reason });
    return movePayment(hold.id, 'authorized', 'canceled', { failureMessage: reason });
  });
}

/**
 * After a card payment closed without money (failed, cancelled, expired): releases the wallet
 * hold of the same order or invoice unless another card payment for it is still open.
 */
export function releaseHoldAfterCardClosed(cardPayment: Payment, reason: string): boolean {
  if (!(cardProviders as readonly string[]).includes(cardPayment.provider)) return false;
  const target = splitTargetOf(cardPayment);
  if (!target) return false;
  return writeTransaction(() => {
    const hold = findWalletHold(target);
    if (!hold || hold.userId !== cardPayment.userId) return false;
    if (listOpenCardPayments(target).length > 0) return false;
    return releaseWalletHold(hold.id, reason);
  });
}
