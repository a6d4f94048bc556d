import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { ledgerTransfers, orders, payments, type LedgerTransfer, type Order, type Payment } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { createPendingTransfer, postTransfer } from '@/lib/ledger';
import { isPositiveAmount } from '@/lib/money';
import { refundCardTransfer } from '@/lib/payments/card-refunds';
import { isCardProvider } from '@/lib/payments/providers';
import { isPaid } from '@/lib/orders/status';
import { AttemptRaced, paidOrderFilter, refundableAmount } from './to-wallet';

/**
 * Refund to original payment methods. Split rule: the card gets back first, up to what each
 * done card payment of the order paid minus its card refunds done or under way (oldest payment
 * first); whatever is left goes to the customer's wallet (the wallet part, and any part paid by
 * wire or cash, which has no card to go back to).
 *
 * Ledger kinds: the wallet share is sales → wallet, kind refund_to_wallet. The card share is
 * sales → card_clearing, kind refund_deposit_to_card — the only existing kind that means "money
 * going back to a card"; it is told apart from a top-up's card refund by its order_id, its
 * payment_id (the order's card payment) and its related transfer (that payment's kind 'payment'
 * transfer), while a top-up's refund debits a wallet and relates to a deposit_card transfer.
 */

export type RefundToSourcesInput = {
  orderId: number;
  /** Positive minor units of the order's currency. */
  amount: number;
  staffId: number;
  reason: string;
  /** The form's hidden uuid: the same attempt refunds once. */
  attemptKey: string;
};

/**
 * One card share of a refund: posted (refunded), pending (waiting for the card network: the answer
 * was lost or is not final; a retry or the reconciler settles it) or voided with the refusal's code.
 */
export type CardRefundPart = { transfer: LedgerTransfer; refusal?: string };

export type RefundToSourcesResult =
  | { status: 'refunded'; replayed: boolean; order: Order; wallet?: LedgerTransfer; cards: CardRefundPart[] }
  | { status: 'not_found' }
  | { status: 'not_paid'; order: Order }
  | { status: 'invalid_amount' }
  | { status: 'exceeds_refundable'; refundable: number; currency: string };

async function findOrder(q: Query, orderId: number): Promise<Order | undefined> {
  // PostgreSQL refuses a non-integer or out-of-range id as a parameter: such an id is no order.
  if (!Number.isSafeInteger(orderId) || orderId < 1 || orderId > 2_147_483_647) return undefined;
  const [order] = await q.select().from(orders).where(eq(orders.id, orderId));
  return order;
}

/** The order's payments that took money, oldest first. */
async function donePaymentsOf(q: Query, orderId: number): Promise<Payment[]> {
  return q
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.state, 'done')))
    .orderBy(asc(payments.id));
}

async function cardRefundedOf(q: Query, payment: Payment): Promise<number> {
  const [row] = await q
    .select({ total: sql<number>`coalesce(sum(${ledgerTransfers.amount}), 0)`.mapWith(Number) })
    .from(ledgerTransfers)
    .where(
      and(
        eq(ledgerTransfers.kind, 'refund_deposit_to_card'),
        eq(ledgerTransfers.paymentId, payment.id),
        eq(ledgerTransfers.orderId, payment.orderId ?? 0),
        ne(ledgerTransfers.state, 'voided'),
      ),
    );
  return row?.total ?? 0;
}

/** What can still go back to each card that paid the order: paid minus card refunds done or under way. */
export async function cardRefundableOf(q: Query, orderId: number): Promise<{ payment: Payment; refundable: number }[]> {
  const cards = (await donePaymentsOf(q, orderId)).filter((payment) => isCardProvider(payment.provider));
  const result: { payment: Payment; refundable: number }[] = [];
  for (const payment of cards) result.push({ payment, refundable: Math.max(0, payment.amount - (await cardRefundedOf(q, payment))) });
  return result;
}

/** Splits `amount` by the rule above: cards first (oldest payment first), the rest to the wallet. */
export function splitRefund(amount: number, cards: { payment: Payment; refundable: number }[]) {
  let left = amount;
  const toCards: { payment: Payment; amount: number }[] = [];
  for (const card of cards) {
    const share = Math.min(left, card.refundable);
    if (share > 0) toCards.push({ payment: card.payment, amount: share });
    left -= share;
  }
  return { toCards, toWallet: left };
}

export type HeldShares = {
  /** The wallet share, posted (sales → wallet). */
  wallet?: LedgerTransfer;
  /** The card shares, held as pending transfers until the provider answers. */
  cards: LedgerTransfer[];
  toCards: { payment: Payment; amount: number }[];
  toWallet: number;
  /** True when a key of this refund was already used: a twin committed first (the caller rolls back). */
  raced: boolean;
};

/**
 * Splits `amount` of a paid order by the rule above and records it as a step of the caller's
 * transaction: each card share held as a pending transfer (sales → card_clearing) for its
 * provider to refund, the rest posted to the customer's wallet (sales → wallet). Every transfer's
 * idempotency key starts with `keyPrefix`, so the same refund is recorded once. The caller bounds
 * the amount (the order's amount_refunded) and asks the providers afterwards (settleCardShares).
 */
export async function holdRefundShares(
  tx: Tx,
  order: Order,
  input: { amount: number; keyPrefix: string; reason: string; createdBy: number | null },
): Promise<HeldShares> {
  const { toCards, toWallet } = splitRefund(input.amount, await cardRefundableOf(tx, order.id));
  const currency = order.currency;
  const { keyPrefix: prefix, reason } = input;
  const createdBy = input.createdBy ?? undefined;
  let raced = false;
  const cards: LedgerTransfer[] = [];
  for (const { payment, amount } of toCards) {
    const held = await createPendingTransfer(tx, {
      debit: { system: 'sales', currency },
      credit: { system: 'card_clearing', currency },
      amount,
      currency,
      kind: 'refund_deposit_to_card',
      idempotencyKey: `${prefix}card:${payment.id}`,
      description: { code: 'orderRefundToCard', params: { number: order.number, reference: payment.reference, reason } },
      memo: reason,
      orderId: order.id,
      paymentId: payment.id,
      relatedTransferId: payment.transferId ?? undefined,
      createdBy,
    });
    raced ||= held.replayed;
    cards.push(held.transfer);
  }
  const walletPayment = (await donePaymentsOf(tx, order.id)).find((p) => p.provider === 'wallet');
  let wallet: LedgerTransfer | undefined;
  if (toWallet > 0) {
    const posted = await postTransfer(tx, {
      debit: { system: 'sales', currency },
      credit: { wallet: order.userId, currency },
      amount: toWallet,
      currency,
      kind: 'refund_to_wallet',
      idempotencyKey: `${prefix}wallet`,
      description: { code: 'orderRefund', params: { number: order.number, reason } },
      memo: reason,
      orderId: order.id,
      paymentId: walletPayment?.id,
      relatedTransferId: walletPayment?.transferId ?? undefined,
      createdBy,
    });
    raced ||= posted.replayed;
    wallet = posted.transfer;
  }
  return { wallet, cards, toCards, toWallet, raced };
}

const keyPrefix = (input: RefundToSourcesInput) => `refund-sources:${input.orderId}:${input.attemptKey}:${input.amount}:`;

async function transfersOfAttempt(q: Query, prefix: string): Promise<LedgerTransfer[]> {
  return q
    .select()
    .from(ledgerTransfers)
    .where(sql`substr(${ledgerTransfers.idempotencyKey}, 1, ${sql.raw(String(prefix.length))}) = ${prefix}`)
    .orderBy(asc(ledgerTransfers.id));
}

type Held =
  | Exclude<RefundToSourcesResult, { status: 'refunded' }>
  | { status: 'held'; replayed: boolean; order: Order; wallet?: LedgerTransfer; cards: LedgerTransfer[] };

/** Step 1, one transaction: bound check on the order, wallet share posted, card shares held. */
function holdRefund(db: Database, input: RefundToSourcesInput, reason: string): Promise<Held> {
  return db.write((tx) => holdRefundIn(tx, input, reason));
}

async function holdRefundIn(tx: Tx, input: RefundToSourcesInput, reason: string): Promise<Held> {
  const prefix = keyPrefix(input);
  const order = await findOrder(tx, input.orderId);
  if (!order) return { status: 'not_found' };
  const earlier = await transfersOfAttempt(tx, prefix);
  if (earlier.length > 0) {
    return {
      status: 'held',
      replayed: true,
      order,
      wallet: earlier.find((t) => t.kind === 'refund_to_wallet'),
      cards: earlier.filter((t) => t.kind === 'refund_deposit_to_card'),
    };
  }
  if (!isPaid(order)) return { status: 'not_paid', order };

  const [updated] = await tx
    .update(orders)
    .set({ amountRefunded: sql`${orders.amountRefunded} + ${input.amount}` })
    .where(and(eq(orders.id, order.id), paidOrderFilter(), sql`${orders.amountRefunded} + ${input.amount} <= ${orders.amountTotal}`))
    .returning();
  // The UPDATE waited for the order's row lock: a twin of this attempt (a double click reaching
  // another server) that committed meanwhile is visible now. Roll back and replay it, rather than
  // refuse it as too much or split what is left under the same keys (IdempotencyConflictError).
  if ((await transfersOfAttempt(tx, prefix)).length > 0) throw new AttemptRaced();
  if (!updated) return { status: 'exceeds_refundable', refundable: refundableAmount(order), currency: order.currency };

  const { wallet, cards, toCards, toWallet, raced } = await holdRefundShares(tx, order, { amount: input.amount, keyPrefix: prefix, reason, createdBy: input.staffId });
  const currency = order.currency;
  // The same attempt committed on another server after this one looked: undo this one's count.
  if (raced) throw new AttemptRaced();
  await recordAudit(tx, {
    actorId: input.staffId,
    action: 'order.refund_to_sources',
    subjectUserId: order.userId,
    amount: input.amount,
    currency,
    reason,
    details: {
      order: order.number,
      toWallet,
      toCards: toCards.map(({ payment, amount }) => ({ payment: payment.reference, amount })),
      transfers: [...cards, ...(wallet ? [wallet] : [])].map((t) => t.reference),
    },
  });
  return { status: 'held', replayed: false, order: updated, wallet, cards };
}

const partOf = (transfer: LedgerTransfer): CardRefundPart =>
  transfer.state === 'voided' ? { transfer, refusal: transfer.voidReason ?? 'refused' } : { transfer };

/** Step 2, per card share: the provider refunds it; a retried attempt resumes a share still waiting. */
async function refundCardShare(db: Database, transfer: LedgerTransfer, resolvedBy: number | undefined, resume: boolean): Promise<CardRefundPart> {
  if (transfer.state !== 'pending') return partOf(transfer);
  const settled = await refundCardTransfer(db, transfer, { resolvedBy, lookFirst: resume });
  return partOf(settled.transfer);
}

/**
 * Asks each card share's provider to refund it (outside any transaction; each answer recorded in
 * one of its own): posted when refunded, voided when definitely refused, left pending when the
 * answer is unknown (the reconciler asks again). `resume`: a retry, so the provider is searched
 * first for a refund an earlier, unanswered request may have made.
 */
export async function settleCardShares(db: Database, cards: readonly LedgerTransfer[], options: { resolvedBy?: number; resume: boolean }): Promise<CardRefundPart[]> {
  const parts: CardRefundPart[] = [];
  for (const transfer of cards) parts.push(await refundCardShare(db, transfer, options.resolvedBy, options.resume));
  return parts;
}

/**
 * Refunds all or part of a paid order to where the money came from: card shares back to the card
 * (Demo at once, Stripe through its Refund API, called outside any transaction) and the rest to
 * the wallet. First, in one transaction, the order's amount_refunded grows only within its total
 * (conditional update), the wallet share is posted, each card share is held as a pending transfer
 * (so a second refund cannot count it again) and the audit log records it. Then each card share
 * is posted once the provider refunded it, voided (and taken off amount_refunded) only when it
 * definitely refused, and left pending when its answer is unknown. A retried attempt (same attempt
 * key and amount) moves nothing more; it only asks again about a share still waiting.
 */
export async function refundOrderToSources(db: Database, input: RefundToSourcesInput): Promise<RefundToSourcesResult> {
  if (!isPositiveAmount(input.amount)) return { status: 'invalid_amount' };
  const reason = input.reason.trim();
  let held: Held;
  try {
    held = await holdRefund(db, input, reason);
  } catch (error) {
    // Rolled back; the second look finds the twin's transfers and resumes them.
    if (!(error instanceof AttemptRaced)) throw error;
    held = await holdRefund(db, input, reason);
  }
  if (held.status !== 'held') return held;
  // Provider calls happen here, between transactions; each answer is recorded in one of its own.
  const cards = await settleCardShares(db, held.cards, { resolvedBy: input.staffId, resume: held.replayed });
  return { status: 'refunded', replayed: held.replayed, order: (await findOrder(db.read, input.orderId)) ?? held.order, wallet: held.wallet, cards };
}
