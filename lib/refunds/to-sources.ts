import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { ledgerTransfers, orders, payments, type LedgerTransfer, type Order, type Payment } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { recordAudit } from '@/lib/admin/audit';
import { createPendingTransfer, postTransfer } from '@/lib/ledger';
import { isPositiveAmount } from '@/lib/money';
import { refundCardTransfer } from '@/lib/payments/card-refunds';
import { refundableAmount } from './to-wallet';

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

const cardProviders = ['demo', 'stripe'] as const;

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

function findOrder(orderId: number): Order | undefined {
  return db.select().from(orders).where(eq(orders.id, orderId)).get();
}

/** The order's card payments that took money, oldest first. */
function donePaymentsOf(orderId: number): Payment[] {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.state, 'done')))
    .orderBy(asc(payments.id))
    .all();
}

function cardRefundedOf(payment: Payment): number {
  return (
    db
      .select({ total: sql<number>`coalesce(sum(${ledgerTransfers.amount}), 0)` })
      .from(ledgerTransfers)
      .where(
        and(
          eq(ledgerTransfers.kind, 'refund_deposit_to_card'),
          eq(ledgerTransfers.paymentId, payment.id),
          eq(ledgerTransfers.orderId, payment.orderId ?? 0),
          ne(ledgerTransfers.state, 'voided'),
        ),
      )
      .get()?.total ?? 0
  );
}

/** What can still go back to each card that paid the order: paid minus card refunds done or under way. */
export function cardRefundableOf(orderId: number): { payment: Payment; refundable: number }[] {
  return donePaymentsOf(orderId)
    .filter((payment) => (cardProviders as readonly string[]).includes(payment.provider))
    .map((payment) => ({ payment, refundable: Math.max(0, payment.amount - cardRefundedOf(payment)) }));
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

const keyPrefix = (input: RefundToSourcesInput) => `refund-sources:${input.orderId}:${input.attemptKey}:${input.amount}:`;

function transfersOfAttempt(prefix: string): LedgerTransfer[] {
  return db
    .select()
    .from(ledgerTransfers)
    .where(sql`substr(${ledgerTransfers.idempotencyKey}, 1, ${prefix.length}) = ${prefix}`)
    .orderBy(asc(ledgerTransfers.id))
    .all();
}

type Held =
  | Exclude<RefundToSourcesResult, { status: 'refunded' }>
  | { status: 'held'; replayed: boolean; order: Order; wallet?: LedgerTransfer; cards: LedgerTransfer[] };

/** Step 1, one transaction: bound check on the order, wallet share posted, card shares held. */
function holdRefund(input: RefundToSourcesInput, reason: string): Held {
  const prefix = keyPrefix(input);
  return writeTransaction((): Held => {
    const order = findOrder(input.orderId);
    if (!order) return { status: 'not_found' };
    const earlier = transfersOfAttempt(prefix);
    if (earlier.length > 0) {
      return {
        status: 'held',
        replayed: true,
        order,
        wallet: earlier.find((t) => t.kind === 'refund_to_wallet'),
        cards: earlier.filter((t) => t.kind === 'refund_deposit_to_card'),
      };
    }
    if (order.state !== 'paid') return { status: 'not_paid', order };

    const updated = db
      .update(orders)
      .set({ amountRefunded: sql`${orders.amountRefunded} + ${input.amount}` })
      .where(and(eq(orders.id, order.id), eq(orders.state, 'paid'), sql`${orders.amountRefunded} + ${input.amount} <= ${orders.amountTotal}`))
      .returning()
      .get();
    if (!updated) return { status: 'exceeds_refundable', refundable: refundableAmount(order), currency: order.currency };

    const { toCards, toWallet } = splitRefund(input.amount, cardRefundableOf(order.id));
    const currency = order.currency;
    const cards = toCards.map(
      ({ payment, amount }) =>
        createPendingTransfer({
          debit: { system: 'sales', currency },
          credit: { system: 'card_clearing', currency },
          amount,
          currency,
          kind: 'refund_deposit_to_card',
          idempotencyKey: `${prefix}card:${payment.id}`,
          description: `Refund for order ${order.number} to the card (${payment.reference}): ${reason}`,
          memo: reason,
          orderId: order.id,
          paymentId: payment.id,
          relatedTransferId: payment.transferId ?? undefined,
          createdBy: input.staffId,
        }).transfer,
    );
    const walletPayment = donePaymentsOf(order.id).find((p) => p.provider === 'wallet');
    const wallet =
      toWallet > 0
        ? postTransfer({
            debit: { system: 'sales', currency },
            credit: { wallet: order.userId, currency },
            amount: toWallet,
            currency,
            kind: 'refund_to_wallet',
            idempotencyKey: `${prefix}wallet`,
            description: `Refund for order ${order.number}: ${reason}`,
            memo: reason,
            orderId: order.id,
            paymentId: walletPayment?.id,
            relatedTransferId: walletPayment?.transferId ?? undefined,
            createdBy: input.staffId,
          }).transfer
        : undefined;
    recordAudit({
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
  });
}

const partOf = (transfer: LedgerTransfer): CardRefundPart =>
  transfer.state === 'voided' ? { transfer, refusal: transfer.voidReason ?? 'refused' } : { transfer };

/** Step 2, per card share: the provider refunds it; a retried attempt resumes a share still waiting. */
async function refundCardShare(transfer: LedgerTransfer, staffId: number, resume: boolean): Promise<CardRefundPart> {
  if (transfer.state !== 'pending') return partOf(transfer);
  const settled = await refundCardTransfer(transfer, { resolvedBy: staffId, lookFirst: resume });
  return partOf(settled.transfer);
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
export async function refundOrderToSources(input: RefundToSourcesInput): Promise<RefundToSourcesResult> {
  if (!isPositiveAmount(input.amount)) return { status: 'invalid_amount' };
  const reason = input.reason.trim();
  const held = holdRefund(input, reason);
  if (held.status !== 'held') return held;
  const cards: CardRefundPart[] = [];
  for (const transfer of held.cards) cards.push(await refundCardShare(transfer, input.staffId, held.replayed));
  return { status: 'refunded', replayed: held.replayed, order: findOrder(input.orderId) ?? held.order, wallet: held.wallet, cards };
}
