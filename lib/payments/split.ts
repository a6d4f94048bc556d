import { and, desc, eq, inArray } from 'drizzle-orm';
import type { PaymentFailure } from './failures';
import type { Query, Tx } from '@/db/database';
import { payments, type Payment } from '@/db/schema';
import { createPendingTransfer, postPendingTransfer, voidPendingTransfer } from '@/lib/ledger';
import { PaymentError } from './errors';
import { cardProviderNames as cardProviders } from './providers/names';
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
  /** The number of what is paid (order S00042, invoice INV/2026/00001); the words are the edge's. */
  number: string;
  idempotencyKey: string;
};


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
 * cannot cover (InsufficientFundsError). A step of the transaction that opens the split.
 */
export async function holdWalletPart(tx: Tx, input: WalletHoldInput): Promise<Payment> {
  const { payment, created } = await createPaymentRecord(tx, {
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
  const { transfer } = await createPendingTransfer(tx, {
    debit: { wallet: input.userId, currency: input.currency },
    credit: { system: 'sales', currency: input.currency },
    amount: input.amount,
    currency: input.currency,
    kind: 'payment',
    idempotencyKey: `payment:${payment.id}:hold`,
    // While pending the edge says "Held for order …" (ledger.hold.<code>), once posted the description.
    description: { code: 'orderId' in input.target ? 'orderWalletPart' : 'invoiceWalletPart', params: { number: input.number } },
    orderId: 'orderId' in input.target ? input.target.orderId : undefined,
    invoiceId: 'invoiceId' in input.target ? input.target.invoiceId : undefined,
    paymentId: payment.id,
    createdBy: input.userId,
  });
  await movePayment(tx, payment.id, 'pending', 'authorized', { transferId: transfer.id });
  const held = await findPayment(tx, payment.id);
  if (!held) throw new PaymentError('NOT_FOUND', 'The wallet part vanished.', { subject: 'payment' });
  return held;
}

/** The wallet part still on hold for an order or invoice, if a split payment is in progress. */
export async function findWalletHold(q: Query, target: SplitTarget): Promise<Payment | undefined> {
  const [hold] = await q
    .select()
    .from(payments)
    .where(and(targetFilter(target), eq(payments.provider, 'wallet'), eq(payments.state, 'authorized')))
    .orderBy(desc(payments.id))
    .limit(1);
  return hold;
}

/** The open card payments (pending or authorized) of an order or invoice, newest first. */
export async function listOpenCardPayments(q: Query, target: SplitTarget): Promise<Payment[]> {
  return q
    .select()
    .from(payments)
    .where(and(targetFilter(target), inArray(payments.provider, cardProviders), inArray(payments.state, ['pending', 'authorized'])))
    .orderBy(desc(payments.id));
}

/**
 * Resolves a hold exactly once: the wallet part moves out of 'authorized' first (a guarded
 * UPDATE, so of two servers only one wins), and only the winner posts or voids the transfer.
 */
async function resolveHold(tx: Tx, holdId: number, to: 'done' | 'canceled', reason: PaymentFailure | null): Promise<boolean> {
  const hold = await findPayment(tx, holdId);
  if (!hold || hold.provider !== 'wallet' || hold.state !== 'authorized' || hold.transferId === null) return false;
  if (!(await movePayment(tx, hold.id, 'authorized', to, { failure: reason }))) return false;
  if (to === 'done') await postPendingTransfer(tx, { transferId: hold.transferId, resolvedBy: hold.userId });
  else await voidPendingTransfer(tx, { transferId: hold.transferId, reason: reason?.code });
  return true;
}

/**
 * Captures a hold: posts its pending transfer and marks the wallet part done. Exactly once: a
 * hold already captured or released returns false and moves nothing. A step of the transaction
 * that completes the card part.
 */
export async function captureWalletHold(tx: Tx, holdId: number): Promise<boolean> {
  return resolveHold(tx, holdId, 'done', null);
}

/**
 * Releases a hold: voids its pending transfer (the wallet's available balance comes back) and
 * marks the wallet part canceled with `reason`. Exactly once: false when it was already resolved.
 */
export async function releaseWalletHold(tx: Tx, holdId: number, reason: PaymentFailure): Promise<boolean> {
  return resolveHold(tx, holdId, 'canceled', reason);
}

/**
 * After a card payment closed without money (failed, cancelled, expired): releases the wallet
 * hold of the same order or invoice unless another card payment for it is still open.
 */
export async function releaseHoldAfterCardClosed(tx: Tx, cardPayment: Payment, reason: PaymentFailure): Promise<boolean> {
  if (!(cardProviders as readonly string[]).includes(cardPayment.provider)) return false;
  const target = splitTargetOf(cardPayment);
  if (!target) return false;
  const hold = await findWalletHold(tx, target);
  if (!hold || hold.userId !== cardPayment.userId) return false;
  if ((await listOpenCardPayments(tx, target)).length > 0) return false;
  return releaseWalletHold(tx, hold.id, reason);
}
