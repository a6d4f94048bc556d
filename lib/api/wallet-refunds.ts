import { eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '@/db/database';
import { apiPaymentRefunds, apiPayments, ledgerTransfers, users, type LedgerTransfer, type Payment } from '@/db/schema';
import { createPendingTransfer, postTransfer } from '@/lib/ledger';
import { askProviderForCardRefund, settleCardRefund } from '@/lib/payments/card-refunds';
import { walletPartOf } from './card-payments';
import { readPaymentDetails } from './payment-details';
import { refundedByItem, refundRequestOfShare, refundShares, type RefundRequestView } from './refund-records';
import { findApiPayment } from './wallet-payments';

/** An item to refund; amount null means what that item has left. */
export type RefundPart = { itemNumber: number; amount: number | null };

/**
 * Where a refund goes: PROVIDER gives each part back to its source (an item's card part to the
 * card first, the rest to the wallet); WALLET gives everything to the buyer's wallet.
 */
export type RefundDestinationType = 'WALLET' | 'PROVIDER';

export type RefundInput = {
  paymentId: number;
  parts: RefundPart[] | null;
  destination: RefundDestinationType;
  conversationId: string | null;
  apiKeyId: number;
  attemptKey: string;
  staffId: number;
};

export type RefundResult =
  | { status: 'refunded'; payment: Payment; request: RefundRequestView }
  | { status: 'not_found' }
  | { status: 'too_much'; refundable: number }
  | { status: 'nothing_to_refund' }
  /** A payment without a member (a card payment the merchant took for no buyer) has no wallet to refund to. */
  | { status: 'no_wallet' };

type Recorded = { status: 'recorded'; payment: Payment; shareId: number; pendingCard: LedgerTransfer | undefined; replayed: boolean };

/** The refund request this attempt recorded already (its transfers carry the attempt's keys), if any. */
async function recordedAttempt(tx: Tx, payment: Payment, keys: { wallet: string; card: string }): Promise<Recorded | undefined> {
  const transfers = await tx.select().from(ledgerTransfers).where(inArray(ledgerTransfers.idempotencyKey, [keys.wallet, keys.card]));
  if (transfers.length === 0) return undefined;
  const [share] = await tx
    .select({ id: apiPaymentRefunds.id })
    .from(apiPaymentRefunds)
    .where(inArray(apiPaymentRefunds.transferId, transfers.map((transfer) => transfer.id)))
    .limit(1);
  if (!share) throw new Error(`Refund transfers ${transfers.map((transfer) => transfer.id).join(', ')} have no refund rows.`);
  const pendingCard = transfers.find((transfer) => transfer.idempotencyKey === keys.card && transfer.state === 'pending');
  return { status: 'recorded', payment, shareId: share.id, pendingCard, replayed: true };
}

async function isMember(tx: Tx, userId: number): Promise<boolean> {
  const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
  return user?.role === 'customer';
}

/**
 * Records a refund request in one transaction, after taking the payment's row lock (a no-op
 * UPDATE), so concurrent refunds of one payment read what each item has left one after another:
 * the wallet share posted (sales → wallet), the card share held as a pending transfer sales →
 * card_clearing for the provider, a row per item and share, never beyond what an item has left
 * (nor beyond its card part for the card).
 */
async function recordRefund(tx: Tx, input: RefundInput): Promise<Recorded | Exclude<RefundResult, { status: 'refunded' }>> {
  await tx.update(apiPayments).set({ paymentGroup: sql`${apiPayments.paymentGroup}` }).where(eq(apiPayments.paymentId, input.paymentId));
  const found = await findApiPayment(tx, input.paymentId);
  if (!found || found.payment.state !== 'done' || found.payment.transferId === null) return { status: 'not_found' };
  const { payment } = found;
  const paymentTransferId = found.payment.transferId;
  const keys = { wallet: `api:refund:${input.apiKeyId}:${input.attemptKey}`, card: `api:refund:${input.apiKeyId}:${input.attemptKey}:card` };
  // After the lock: a twin of this attempt that recorded first is found, not recorded again.
  const earlier = await recordedAttempt(tx, payment, keys);
  if (earlier) return earlier;

  const { items } = readPaymentDetails(found.details.items);
  const shares = await refundShares(tx, eq(apiPaymentRefunds.paymentId, payment.id));
  const refunded = refundedByItem(shares);
  const left = (itemNumber: number) => (items[itemNumber - 1]?.price ?? 0) - (refunded.get(itemNumber)?.total ?? 0);
  const cardLeft = (itemNumber: number) => {
    const item = items[itemNumber - 1];
    return item ? item.price - item.walletPrice - (refunded.get(itemNumber)?.card ?? 0) : 0;
  };

  const requested = input.parts ?? items.map((_, index) => ({ itemNumber: index + 1, amount: null }));
  if (requested.some((part) => part.itemNumber < 1 || part.itemNumber > items.length)) return { status: 'not_found' };
  const parts = requested
    .map((part) => ({ itemNumber: part.itemNumber, amount: part.amount ?? left(part.itemNumber) }))
    .filter((part) => part.amount > 0);
  if (parts.length === 0) return { status: 'nothing_to_refund' };
  for (const part of parts) {
    if (part.amount > left(part.itemNumber)) return { status: 'too_much', refundable: left(part.itemNumber) };
  }
  const split = parts.map((part) => {
    const card = input.destination === 'PROVIDER' ? Math.min(part.amount, Math.max(cardLeft(part.itemNumber), 0)) : 0;
    return { itemNumber: part.itemNumber, card, wallet: part.amount - card };
  });
  const walletTotal = split.reduce((sum, part) => sum + part.wallet, 0);
  const cardTotal = split.reduce((sum, part) => sum + part.card, 0);
  if (walletTotal > 0 && !(await isMember(tx, payment.userId))) return { status: 'no_wallet' };

  const description = { code: 'paymentRefund' as const, params: { reference: payment.reference } };
  // What the wallet share gives back: the wallet's own payment (or hold), else the card's capture.
  const walletPart = await walletPartOf(tx, payment);
  const wallet =
    walletTotal > 0
      ? (
          await postTransfer(tx, {
            debit: { system: 'sales', currency: payment.currency },
            credit: { wallet: payment.userId, currency: payment.currency },
            amount: walletTotal,
            currency: payment.currency,
            kind: 'refund_to_wallet',
            idempotencyKey: keys.wallet,
            description,
            paymentId: payment.id,
            relatedTransferId: walletPart?.transferId ?? paymentTransferId,
            createdBy: input.staffId,
          })
        ).transfer
      : undefined;
  const card =
    cardTotal > 0
      ? (
          await createPendingTransfer(tx, {
            debit: { system: 'sales', currency: payment.currency },
            credit: { system: 'card_clearing', currency: payment.currency },
            amount: cardTotal,
            currency: payment.currency,
            kind: 'refund_deposit_to_card',
            idempotencyKey: keys.card,
            description,
            // The card part's payment: the provider that took it is asked to refund it.
            paymentId: payment.id,
            relatedTransferId: paymentTransferId,
            createdBy: input.staffId,
          })
        ).transfer
      : undefined;

  // A later instant than the payment's last refund: created_at tells this request's rows apart.
  const last = shares.reduce((latest, share) => Math.max(latest, share.createdAt.getTime()), 0);
  const createdAt = new Date(Math.max(Date.now(), last + 1));
  const rows = split.flatMap((part) => [
    ...(wallet && part.wallet > 0 ? [{ itemIndex: part.itemNumber, amount: part.wallet, transferId: wallet.id }] : []),
    ...(card && part.card > 0 ? [{ itemIndex: part.itemNumber, amount: part.card, transferId: card.id }] : []),
  ]);
  const inserted = await tx
    .insert(apiPaymentRefunds)
    .values(rows.map((row) => ({ ...row, paymentId: payment.id, currency: payment.currency, conversationId: input.conversationId, createdAt })))
    .returning({ id: apiPaymentRefunds.id });
  const shareId = Math.min(...inserted.map((row) => row.id));
  return { status: 'recorded', payment, shareId, pendingCard: card, replayed: false };
}

/**
 * Refunds an API payment, in full (`parts` null: everything still refundable) or per item: the
 * request is recorded in one transaction (recordRefund), then, for a card share, the provider that
 * took the card is asked outside any transaction (the Demo provider answers at once) and its
 * answer recorded in another (posted; voided on a definite refusal; left pending, WAITING, when
 * unknown, for a retry of the same attempt or the reconciler). The same attempt refunds once: a
 * retry finds its request by the transfers' keys and settles a card share still pending.
 */
export async function refundApiPayment(db: Database, input: RefundInput): Promise<RefundResult> {
  const recorded = await db.write((tx) => recordRefund(tx, input));
  if (recorded.status !== 'recorded') return recorded;
  if (recorded.pendingCard) {
    const outcome = await askProviderForCardRefund(db.read, recorded.pendingCard, { lookFirst: recorded.replayed });
    await settleCardRefund(db, recorded.pendingCard.id, outcome, input.staffId);
  }
  const request = await refundRequestOfShare(db.read, recorded.shareId);
  if (!request) throw new Error(`Refund request of share ${recorded.shareId} not found.`);
  return { status: 'refunded', payment: recorded.payment, request };
}
