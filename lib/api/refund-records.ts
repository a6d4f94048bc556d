import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { apiPaymentRefunds, ledgerTransfers, type TransferState } from '@/db/schema';
import { isRowId } from './schemas';

/**
 * How refunds of API payments are kept and read (lib/api/README.md, Refunds). A refund request
 * writes one api_payment_refunds row per item and destination: the wallet share of an item points
 * at the request's transfer sales → wallet (kind refund_to_wallet), its card share at the request's
 * transfer sales → card_clearing (kind refund_deposit_to_card, pending until the provider refunded
 * the card). The rows of one request share the payment and created_at, which is unique per
 * payment (refunds of a payment run one at a time and each takes a later instant than the last).
 * - a payment refund (the platform's) = the rows of one request; its id = the smallest row id;
 * - a payment transaction refund = those rows of one item; its id = their smallest row id;
 * - a share's status is its transfer's state: posted SUCCESS, pending WAITING, voided FAILURE
 *   (a failed card share was never refunded, so it does not count against what is left).
 */

export type RefundStatus = 'SUCCESS' | 'WAITING' | 'FAILURE';
export type RefundDestination = 'WALLET' | 'PROVIDER';

/** One stored share, with its transfer's kind (card or wallet) and state. */
export type RefundShare = {
  id: number;
  paymentId: number;
  itemNumber: number;
  amount: number;
  currency: string;
  transferId: number;
  conversationId: string | null;
  createdAt: Date;
  toCard: boolean;
  state: TransferState;
};

type Totals = { price: number; cardPrice: number; walletPrice: number; status: RefundStatus; destination: RefundDestination };

export type TransactionRefundView = Totals & {
  id: number;
  paymentId: number;
  itemNumber: number;
  createdAt: Date;
  conversationId: string | null;
  currency: string;
};

export type RefundRequestView = Totals & {
  id: number;
  paymentId: number;
  createdAt: Date;
  conversationId: string | null;
  currency: string;
  transactions: TransactionRefundView[];
};

const shareColumns = {
  id: apiPaymentRefunds.id,
  paymentId: apiPaymentRefunds.paymentId,
  itemNumber: apiPaymentRefunds.itemIndex,
  amount: apiPaymentRefunds.amount,
  currency: apiPaymentRefunds.currency,
  transferId: apiPaymentRefunds.transferId,
  conversationId: apiPaymentRefunds.conversationId,
  createdAt: apiPaymentRefunds.createdAt,
  kind: ledgerTransfers.kind,
  state: ledgerTransfers.state,
};

/** The shares that match `where`, oldest first. */
export async function refundShares(q: Query, where: SQL | undefined): Promise<RefundShare[]> {
  const rows = await q
    .select(shareColumns)
    .from(apiPaymentRefunds)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, apiPaymentRefunds.transferId))
    .where(where)
    .orderBy(asc(apiPaymentRefunds.id));
  return rows.map(({ kind, ...row }) => ({ ...row, toCard: kind === 'refund_deposit_to_card' }));
}

/** The shares of these payments, oldest first. */
export function refundSharesOf(q: Query, paymentIds: number[]): Promise<RefundShare[]> {
  if (paymentIds.length === 0) return Promise.resolve([]);
  return refundShares(q, inArray(apiPaymentRefunds.paymentId, paymentIds));
}

/** A share that took or is taking money back: not a card share the provider refused. */
export function counts(share: RefundShare): boolean {
  return share.state !== 'voided';
}

function totals(shares: RefundShare[]): Totals {
  const price = shares.reduce((sum, share) => sum + share.amount, 0);
  const cardPrice = shares.filter((share) => share.toCard).reduce((sum, share) => sum + share.amount, 0);
  const status: RefundStatus = shares.some((share) => share.state === 'pending') ? 'WAITING' : shares.some((share) => share.state === 'voided') ? 'FAILURE' : 'SUCCESS';
  return { price, cardPrice, walletPrice: price - cardPrice, status, destination: cardPrice > 0 ? 'PROVIDER' : 'WALLET' };
}

function groupBy<T>(values: T[], key: (value: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const name = key(value);
    groups.set(name, [...(groups.get(name) ?? []), value]);
  }
  return [...groups.values()];
}

function transactionView(shares: RefundShare[]): TransactionRefundView {
  const [first] = shares;
  if (!first) throw new Error('A transaction refund has at least one share.');
  return { ...totals(shares), id: first.id, paymentId: first.paymentId, itemNumber: first.itemNumber, createdAt: first.createdAt, conversationId: first.conversationId, currency: first.currency };
}

/** Shares (oldest first) as refund requests, oldest first, each with its transaction refunds by item. */
export function refundRequests(shares: RefundShare[]): RefundRequestView[] {
  return groupBy(shares, (share) => `${share.paymentId}:${share.createdAt.getTime()}`).map((group) => {
    const [first] = group;
    if (!first) throw new Error('A refund request has at least one share.');
    const transactions = groupBy(group, (share) => String(share.itemNumber)).map(transactionView);
    return { ...totals(group), id: first.id, paymentId: first.paymentId, createdAt: first.createdAt, conversationId: first.conversationId, currency: first.currency, transactions };
  });
}

/** The refund request a share belongs to. */
export async function refundRequestOfShare(q: Query, shareId: number): Promise<RefundRequestView | undefined> {
  if (!isRowId(shareId)) return undefined;
  const [share] = await refundShares(q, eq(apiPaymentRefunds.id, shareId));
  if (!share) return undefined;
  return refundRequests(await refundShares(q, and(eq(apiPaymentRefunds.paymentId, share.paymentId), eq(apiPaymentRefunds.createdAt, share.createdAt))))[0];
}

/** The refund request whose id (its first share's) is `id`. */
export async function findRefundRequest(q: Query, id: number): Promise<RefundRequestView | undefined> {
  const request = await refundRequestOfShare(q, id);
  return request?.id === id ? request : undefined;
}

/** The transaction refund whose id (its first share's) is `id`, with its request. */
export async function findTransactionRefund(q: Query, id: number): Promise<TransactionRefundView | undefined> {
  if (!isRowId(id)) return undefined;
  const [share] = await refundShares(q, eq(apiPaymentRefunds.id, id));
  if (!share) return undefined;
  const shares = await refundShares(
    q,
    and(eq(apiPaymentRefunds.paymentId, share.paymentId), eq(apiPaymentRefunds.createdAt, share.createdAt), eq(apiPaymentRefunds.itemIndex, share.itemNumber)),
  );
  const view = shares.length > 0 ? transactionView(shares) : undefined;
  return view?.id === id ? view : undefined;
}

/** Per item number: what its counting shares returned in all, and to the card. */
export function refundedByItem(shares: RefundShare[]): Map<number, { total: number; card: number }> {
  const byItem = new Map<number, { total: number; card: number }>();
  for (const share of shares.filter(counts)) {
    const sum = byItem.get(share.itemNumber) ?? { total: 0, card: 0 };
    byItem.set(share.itemNumber, { total: sum.total + share.amount, card: sum.card + (share.toCard ? share.amount : 0) });
  }
  return byItem;
}
