import { and, asc, eq, inArray, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database, Query, Tx } from '@/db/database';
import { ledgerTransfers, orders, payments, type LedgerTransfer, type Order, type Payment } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { postTransfer } from '@/lib/ledger';
import { notifyOrderCancelled, notifyRefundToWallet } from '@/lib/notifications/events';
import { closePayment } from '@/lib/payments/complete';
import type { PaymentFailure } from '@/lib/payments/failures';
import { releaseWalletHold } from '@/lib/payments/split';
import { cancelCheckoutSession } from '@/lib/payments/stripe';
import { holdRefundShares, settleCardShares, type CardRefundPart } from '@/lib/refunds/to-sources';
import { OrderError } from './errors';
import { recordOrderEvent } from './events';
import { cancelRefundKeyPrefix, checkOrderAttemptKey } from './keys';
import { assertStaff, findOrderById, isPaid } from './status';
import { releaseStock } from './stock';

/**
 * Who cancels: the shopper (their own order, not yet paid), staff (any order not yet shipped, with
 * the reason the refund shows and the form's attempt key) or the shop itself (the abandoned-order
 * job: an order whose card payment never came).
 */
export type CancelActor =
  | { kind: 'shopper'; userId: number }
  | { kind: 'staff'; userId: number; reason: string; attemptKey: string }
  | { kind: 'shop' };

/** Why an actor may not cancel the order now (fulfilment.errors.NOT_CANCELLABLE's reason). */
export type CancelRefusal = 'paid' | 'shipped' | 'canceled';

/**
 * The rule, as data about the order: undefined when `actor` may cancel it. A shopper cancels what
 * is not yet paid (a card payment cancelled, failed or never completed; a wire not yet arrived;
 * Cash on Delivery not yet shipped); staff cancel anything not yet shipped; the shop cancels only
 * orders still waiting for their payment.
 */
export function cancelRefusal(order: Pick<Order, 'state' | 'paidAt' | 'paymentMethod'>, actor: CancelActor['kind']): CancelRefusal | undefined {
  if (order.state === 'canceled') return 'canceled';
  if (order.state === 'shipped' || order.state === 'delivered') return 'shipped';
  if (actor === 'staff') return undefined;
  if (order.state === 'confirmed') return undefined;
  const unpaidCashOnDelivery = order.paymentMethod === 'cash_on_delivery' && order.paidAt === null;
  if (actor === 'shopper' && unpaidCashOnDelivery && order.state === 'processing') return undefined;
  return 'paid';
}

/** What a cancel gave back. */
export type CancelRefund = {
  /** Posted to the customer's wallet (their wallet part, or money paid by wire or cash). */
  toWallet: number;
  /** The card shares: posted (refunded), pending (waiting for the provider's answer) or voided (refused). */
  cards: CardRefundPart[];
  /** Card shares the provider refused, credited to the wallet instead so that every cent comes back. */
  refusedToWallet: number;
};

export type CancelOrderResult = {
  /** 'already_canceled': an earlier click (or someone else) cancelled it; only card refunds still waiting were asked again. */
  status: 'canceled' | 'already_canceled';
  order: Order;
  refund: CancelRefund;
  /** Wallet holds (Wallet and Card) released by this cancel. */
  holdsReleased: number;
  /** Units of stock given back by this cancel. */
  stockReleased: number;
};

/** Thrown inside the transaction when the order (or its payments) changed after it was read: looked at again. */
class CancelRaced extends Error {
  constructor() {
    super('The order changed while it was being cancelled.');
    this.name = 'CancelRaced';
  }
}

function actorId(actor: CancelActor): number | null {
  return actor.kind === 'shop' ? null : actor.userId;
}

/** The order as `actor` may see it: a shopper's own, anyone's for staff and the shop. */
async function visibleOrder(q: Query, orderId: number, actor: CancelActor): Promise<Order> {
  const order = await findOrderById(q, orderId);
  if (!order || (actor.kind === 'shopper' && order.userId !== actor.userId)) throw new OrderError('NOT_FOUND', { subject: 'order' });
  return order;
}

function refuseUnlessCancellable(order: Order, actor: CancelActor): void {
  const refusal = cancelRefusal(order, actor.kind);
  if (refusal) throw new OrderError('NOT_CANCELLABLE', { number: order.number, reason: refusal });
}

const openStates = ['draft', 'pending', 'authorized'] as const;

async function openPaymentsOf(q: Query, orderId: number): Promise<Payment[]> {
  return q
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), inArray(payments.state, openStates)))
    .orderBy(asc(payments.id));
}

/** A Stripe Checkout page the shopper could still pay on. */
function isOpenStripePage(payment: Payment): boolean {
  return payment.provider === 'stripe' && payment.state === 'pending' && payment.providerReference !== null;
}

/**
 * Expires the order's open Stripe Checkout pages at Stripe (network, outside any transaction), as
 * "Cancel payment" does: a paid one completes its payment instead (Stripe decides), an expired one
 * is closed. When Stripe does not answer, the page may still be paid, so nothing is cancelled on a
 * guess: PAYMENT_OPEN (try again shortly; the abandoned-order job simply skips the order).
 */
export async function closeProviderPages(db: Database, order: Order): Promise<void> {
  const pages = (await openPaymentsOf(db.read, order.id)).filter(isOpenStripePage);
  for (const page of pages) {
    try {
      await cancelCheckoutSession(db, page);
    } catch {
      // Unknown: checked below.
    }
  }
  if (pages.length > 0 && (await openPaymentsOf(db.read, order.id)).some(isOpenStripePage)) {
    throw new OrderError('PAYMENT_OPEN', { number: order.number });
  }
}

type Cancelled = {
  already: boolean;
  order: Order;
  wallet?: LedgerTransfer;
  cards: LedgerTransfer[];
  holdsReleased: number;
  stockReleased: number;
};

/**
 * The cancel itself, one write transaction: the order moves to canceled (a guarded UPDATE on the
 * state and the refunded amount it read, so of two cancels, or a cancel and a payment, one wins),
 * wallet holds are released, open payments closed, stock returned and whatever was paid refunded
 * (the wallet share posted, card shares held for their provider), with the order event and, for
 * staff, the audit row.
 */
async function cancelIn(tx: Tx, orderId: number, actor: CancelActor): Promise<Cancelled> {
  if (actor.kind === 'staff') await assertStaff(tx, actor.userId);
  const order = await visibleOrder(tx, orderId, actor);
  if (order.state === 'canceled') return { already: true, order, cards: [], holdsReleased: 0, stockReleased: 0 };
  refuseUnlessCancellable(order, actor);
  const open = await openPaymentsOf(tx, order.id);
  // A card page opened after the pages were closed: close it at Stripe first.
  if (open.some(isOpenStripePage)) throw new CancelRaced();

  const paid = isPaid(order);
  const refundAmount = paid ? order.amountTotal - order.amountRefunded : 0;
  const [canceled] = await tx
    .update(orders)
    .set({ state: 'canceled', canceledAt: new Date(), amountRefunded: paid ? order.amountTotal : order.amountRefunded })
    .where(and(eq(orders.id, order.id), eq(orders.state, order.state), eq(orders.amountRefunded, order.amountRefunded)))
    .returning();
  if (!canceled) throw new CancelRaced();

  const why: PaymentFailure = { code: 'orderCanceled', params: { number: order.number } };
  // Holds first, so each is counted here (closing a split's card part would release it too).
  let holdsReleased = 0;
  for (const hold of open.filter((payment) => payment.provider === 'wallet')) {
    if (await releaseWalletHold(tx, hold.id, why)) holdsReleased += 1;
  }
  for (const payment of open.filter((payment) => payment.provider !== 'wallet')) await closePayment(tx, payment.id, 'canceled', why);
  const stockReleased = await releaseStock(tx, order.id);

  let wallet: LedgerTransfer | undefined;
  let cards: LedgerTransfer[] = [];
  if (refundAmount > 0) {
    // Only staff cancel a paid order (cancelRefusal), so there is always a reason to show.
    const reason = actor.kind === 'staff' ? actor.reason.trim() : '';
    const held = await holdRefundShares(tx, order, { amount: refundAmount, keyPrefix: cancelRefundKeyPrefix(order.id), reason, createdBy: actorId(actor) });
    if (held.raced) throw new CancelRaced();
    wallet = held.wallet;
    cards = held.cards;
  }
  await notifyOrderCancelled(tx, canceled, [
    ...(wallet ? [{ amount: wallet.amount, currency: wallet.currency, destination: 'wallet' as const }] : []),
    ...cards.map((card) => ({ amount: card.amount, currency: card.currency, destination: 'card' as const })),
  ]);
  await recordOrderEvent(tx, { orderId: order.id, from: order.state, to: 'canceled', actorId: actorId(actor) });
  if (actor.kind === 'staff') {
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'order.cancel',
      subjectUserId: order.userId,
      amount: refundAmount,
      currency: order.currency,
      reason: actor.reason.trim(),
      details: {
        order: order.number,
        from: order.state,
        toWallet: wallet?.amount ?? 0,
        toCards: cards.map((card) => card.amount),
        transfers: [...cards, ...(wallet ? [wallet] : [])].map((transfer) => transfer.reference),
        holdsReleased,
        stockReleased,
      },
      attemptKey: actor.attemptKey,
    });
  }
  return { already: false, order: canceled, wallet, cards, holdsReleased, stockReleased };
}

/** The transfers of an order's cancel refund (by their key prefix), oldest first. */
async function cancelRefundTransfers(q: Query, orderId: number): Promise<LedgerTransfer[]> {
  const prefix = cancelRefundKeyPrefix(orderId);
  return q
    .select()
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.orderId, orderId), sql`substr(${ledgerTransfers.idempotencyKey}, 1, ${sql.raw(String(prefix.length))}) = ${prefix}`))
    .orderBy(asc(ledgerTransfers.id));
}

/**
 * A card share the provider definitely refused is credited to the wallet instead (sales → wallet,
 * one transfer per refused share by its key), and counted as refunded again: a cancelled order
 * gives back every cent. Returns what this call credited.
 */
async function creditRefusedCardShares(db: Database, order: Order, refused: readonly LedgerTransfer[]): Promise<number> {
  if (refused.length === 0) return 0;
  return db.write(async (tx) => {
    let credited = 0;
    for (const share of refused) {
      const { transfer, replayed } = await postTransfer(tx, {
        debit: { system: 'sales', currency: share.currency },
        credit: { wallet: order.userId, currency: share.currency },
        amount: share.amount,
        currency: share.currency,
        kind: 'refund_to_wallet',
        idempotencyKey: `${cancelRefundKeyPrefix(order.id)}fallback:${share.id}`,
        description: { code: 'orderRefund', params: { number: order.number, reason: share.memo ?? '' } },
        memo: share.memo ?? undefined,
        orderId: order.id,
        relatedTransferId: share.id,
        createdBy: share.createdBy ?? undefined,
      });
      if (replayed) continue;
      // settleCardRefundIn took the refused share off amount_refunded; it is refunded after all.
      await tx
        .update(orders)
        .set({ amountRefunded: sql`${orders.amountRefunded} + ${transfer.amount}` })
        .where(eq(orders.id, order.id));
      await notifyRefundToWallet(tx, { userId: order.userId, transferId: transfer.id, amount: transfer.amount, currency: transfer.currency, orderNumber: order.number });
      credited += transfer.amount;
    }
    return credited;
  });
}

/**
 * Card shares of cancels that the provider refused after the cancel had finished (its answer was
 * lost and the reconciler heard "failed" later) and that were not yet credited to the wallet:
 * credited now (the 'cancel-abandoned-orders' job runs this). Returns how many were credited.
 */
export async function creditRefusedCancelRefunds(db: Database, limit = 100): Promise<number> {
  const fallback = alias(ledgerTransfers, 'fallback');
  const prefix = 'order-cancel:';
  const refused = await db.read
    .select({ orderId: ledgerTransfers.orderId })
    .from(ledgerTransfers)
    .where(
      and(
        eq(ledgerTransfers.kind, 'refund_deposit_to_card'),
        eq(ledgerTransfers.state, 'voided'),
        sql`substr(${ledgerTransfers.idempotencyKey}, 1, ${sql.raw(String(prefix.length))}) = ${prefix}`,
        notExists(
          db.read
            .select({ id: fallback.id })
            .from(fallback)
            .where(eq(fallback.idempotencyKey, sql`${prefix} || cast(${ledgerTransfers.orderId} as text) || ':fallback:' || cast(${ledgerTransfers.id} as text)`)),
        ),
      ),
    )
    .orderBy(asc(ledgerTransfers.id))
    .limit(limit);
  let credited = 0;
  for (const orderId of new Set(refused.flatMap((row) => (row.orderId === null ? [] : [row.orderId])))) {
    const order = await findOrderById(db.read, orderId);
    if (!order) continue;
    const shares = (await cancelRefundTransfers(db.read, orderId)).filter((t) => t.kind === 'refund_deposit_to_card' && t.state === 'voided');
    if ((await creditRefusedCardShares(db, order, shares)) > 0) credited += 1;
  }
  return credited;
}

/**
 * After the transaction (or again, for an order already cancelled): asks the card provider for
 * each card share still waiting, and credits refused ones to the wallet. Unknown answers stay
 * pending for the reconciler.
 */
async function settleCancelRefund(db: Database, order: Order, resolvedBy: number | undefined, resume: boolean): Promise<CancelRefund> {
  const transfers = await cancelRefundTransfers(db.read, order.id);
  const isFallback = (transfer: LedgerTransfer) => transfer.idempotencyKey.startsWith(`${cancelRefundKeyPrefix(order.id)}fallback:`);
  const shares = transfers.filter((transfer) => transfer.kind === 'refund_deposit_to_card');
  const cards = await settleCardShares(db, shares, { resolvedBy, resume });
  const refused = cards.filter((part) => part.transfer.state === 'voided').map((part) => part.transfer);
  await creditRefusedCardShares(db, order, refused);
  const after = await cancelRefundTransfers(db.read, order.id);
  const sum = (list: LedgerTransfer[]) => list.reduce((total, transfer) => total + transfer.amount, 0);
  return {
    toWallet: sum(after.filter((transfer) => transfer.kind === 'refund_to_wallet' && !isFallback(transfer))),
    cards,
    refusedToWallet: sum(after.filter(isFallback)),
  };
}

/**
 * Cancels an order and gives back everything it took, exactly once however often it is asked
 * (double clicks, two staff, the job on two servers): open Stripe pages are expired at Stripe
 * first (outside the transaction; an unanswered one refuses the cancel with PAYMENT_OPEN), then
 * in one write transaction the order becomes canceled, holds are released, open payments closed,
 * stock returned and what was paid refunded to where it came from (wallet share to the wallet,
 * card shares held for their provider); then each card share is refunded by its provider (a
 * refused one is credited to the wallet instead). The refund's idempotency keys are per order,
 * so a second cancel moves no money: it answers 'already_canceled' and only asks again about
 * card refunds still waiting.
 */
export async function cancelOrder(db: Database, orderId: number, actor: CancelActor): Promise<CancelOrderResult> {
  if (actor.kind === 'staff') checkOrderAttemptKey(actor.attemptKey);
  const resolvedBy = actorId(actor) ?? undefined;
  for (let attempt = 0; ; attempt += 1) {
    const seen = await visibleOrder(db.read, orderId, actor);
    if (seen.state !== 'canceled') {
      refuseUnlessCancellable(seen, actor);
      await closeProviderPages(db, seen);
    }
    let done: Cancelled;
    try {
      done = await db.write((tx) => cancelIn(tx, orderId, actor));
    } catch (error) {
      if (!(error instanceof CancelRaced)) throw error;
      if (attempt >= 2) throw new OrderError('PAYMENT_OPEN', { number: seen.number });
      continue;
    }
    const refund = await settleCancelRefund(db, done.order, resolvedBy, done.already);
    const order = (await findOrderById(db.read, orderId)) ?? done.order;
    return {
      status: done.already ? 'already_canceled' : 'canceled',
      order,
      refund,
      holdsReleased: done.holdsReleased,
      stockReleased: done.stockReleased,
    };
  }
}
