import { and, between, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { ledgerEntries, ledgerTransfers, type TransferKind, type TransferState } from '@/db/schema';
import { accountCode, type AccountRef } from './accounts';
import { storedDescription, type LedgerDescription } from './descriptions';
import { readAccount } from './statements';

/** One line of an account's statement, from the account's point of view. */
export type HistoryRow = {
  /** 1 for the account's first final transfer, then 2, 3, … without gaps. */
  position: number;
  transferId: number;
  reference: string;
  /** When the transfer was posted or voided. */
  date: Date;
  /** What the transfer is: a code and params, worded by the `ledger` catalogue (ledger.description.<code>). */
  description: LedgerDescription;
  kind: TransferKind;
  /** posted: money moved; voided: a rejected top-up or a released hold, nothing moved (delta 0). */
  state: 'posted' | 'voided';
  /** Which way the transfer goes for this account, whether or not it moved. */
  direction: 'credit' | 'debit';
  /** The transfer's amount, also when voided (to say what did not move). */
  amount: number;
  /** Money that came in: the amount when posted and credited, else null. */
  credit: number | null;
  /** Money that went out: the amount when posted and debited, else null. */
  debit: number | null;
  /** Signed change of the posted balance: + credit, − debit, 0 when voided. */
  delta: number;
  /** Posted balance right after this row (unchanged by a voided row). */
  balanceAfter: number;
  memo: string | null;
};

export type HistoryPage = { rows: HistoryRow[]; page: number; pageSize: number; totalRows: number; totalPages: number };

export type PendingTransfer = {
  transferId: number;
  reference: string;
  amount: number;
  currency: string;
  createdAt: Date;
  kind: TransferKind;
  /** What the transfer is: a code and params (ledger.description.<code>). */
  description: LedgerDescription;
  memo: string | null;
  /** incoming: money on its way to the account (wire top-up); outgoing: a hold on it. */
  direction: 'incoming' | 'outgoing';
};

/** An entry joined with its transfer. */
type HistoryRecord = {
  position: number;
  delta: number;
  balanceAfter: number;
  createdAt: Date;
  transferId: number;
  reference: string;
  descriptionCode: string;
  descriptionParams: string;
  kind: TransferKind;
  state: TransferState;
  amount: number;
  creditAccountId: number;
  memo: string | null;
};

const historyColumns = {
  position: ledgerEntries.position,
  delta: ledgerEntries.delta,
  balanceAfter: ledgerEntries.balanceAfter,
  createdAt: ledgerEntries.createdAt,
  transferId: ledgerTransfers.id,
  reference: ledgerTransfers.reference,
  descriptionCode: ledgerTransfers.descriptionCode,
  descriptionParams: ledgerTransfers.descriptionParams,
  kind: ledgerTransfers.kind,
  state: ledgerTransfers.state,
  amount: ledgerTransfers.amount,
  creditAccountId: ledgerTransfers.creditAccountId,
  memo: ledgerTransfers.memo,
};

/** An account's entries joined with their transfers, newest first. */
function entries(q: Query, where: SQL | undefined) {
  return q
    .select(historyColumns)
    .from(ledgerEntries)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
    .where(where)
    .orderBy(desc(ledgerEntries.position));
}

const maxPageSize = 100;

function normalizePaging(options: { page?: number; pageSize?: number }): { page: number; pageSize: number } {
  const page = options.page !== undefined && Number.isSafeInteger(options.page) && options.page >= 1 ? options.page : 1;
  const size = options.pageSize ?? 10;
  const pageSize = Number.isSafeInteger(size) ? Math.min(Math.max(size, 1), maxPageSize) : 10;
  return { page, pageSize };
}

function toHistoryRow(record: HistoryRecord, accountId: number): HistoryRow {
  const credited = record.creditAccountId === accountId;
  // Entries are written only when a transfer becomes final: posted, or voided from pending.
  const posted = record.state !== 'voided';
  return {
    position: record.position,
    transferId: record.transferId,
    reference: record.reference,
    date: new Date(record.createdAt),
    description: storedDescription(record.descriptionCode, record.descriptionParams),
    kind: record.kind,
    state: posted ? 'posted' : 'voided',
    direction: credited ? 'credit' : 'debit',
    amount: record.amount,
    // Only money that moved fills the credit and debit columns; a voided row is shown apart.
    credit: posted && credited ? record.amount : null,
    debit: posted && !credited ? record.amount : null,
    delta: record.delta,
    balanceAfter: record.balanceAfter,
    memo: record.memo,
  };
}

function pageOf(rows: HistoryRow[], page: number, pageSize: number, totalRows: number): HistoryPage {
  return { rows, page, pageSize, totalRows, totalPages: Math.max(1, Math.ceil(totalRows / pageSize)) };
}

/**
 * An account's statement, newest first, `pageSize` rows (default 10, at most 100) per page
 * starting at page 1; totalPages is at least 1. A page past the end has no rows.
 * O(log n + pageSize) for any page: positions are dense, so page p is a position range.
 */
export async function listAccountHistory(q: Query, account: AccountRef, options: { page?: number; pageSize?: number } = {}): Promise<HistoryPage> {
  const { page, pageSize } = normalizePaging(options);
  const row = await readAccount(q, accountCode(account));
  if (!row) return pageOf([], page, pageSize, 0);
  const totalRows = row.entryCount;
  const highest = totalRows - (page - 1) * pageSize;
  if (highest < 1) return pageOf([], page, pageSize, totalRows);
  const lowest = Math.max(1, highest - pageSize + 1);
  // A page is a range of positions in the (account_id, position) index: its cost does not
  // depend on how deep the page is or how long the history has grown.
  const records: HistoryRecord[] = await entries(q, and(eq(ledgerEntries.accountId, row.id), between(ledgerEntries.position, lowest, highest)));
  return pageOf(
    records.map((record) => toHistoryRow(record, row.id)),
    page,
    pageSize,
    totalRows,
  );
}

export type HistoryFilters = {
  /** Only these kinds of transfer (all when empty or absent). */
  kinds?: readonly TransferKind[];
  /** Posted or voided at or after this instant. */
  from?: Date;
  /** Posted or voided strictly before this instant. */
  to?: Date;
};

/**
 * Like listAccountHistory, restricted by kind and/or date. Filtered rows are not dense, so this
 * walks the account's entries in the (account_id, position) index with LIMIT/OFFSET and counts
 * the matches: O(entries of the account), fine for a shopper's wallet, not for system accounts.
 */
export async function listAccountHistoryFiltered(
  q: Query,
  account: AccountRef,
  options: HistoryFilters & { page?: number; pageSize?: number } = {},
): Promise<HistoryPage> {
  const kinds = options.kinds ?? [];
  if (kinds.length === 0 && !options.from && !options.to) return listAccountHistory(q, account, options);
  const { page, pageSize } = normalizePaging(options);
  const accountRow = await readAccount(q, accountCode(account));
  if (!accountRow) return pageOf([], page, pageSize, 0);

  const conditions: SQL[] = [eq(ledgerEntries.accountId, accountRow.id)];
  if (kinds.length > 0) conditions.push(inArray(ledgerTransfers.kind, [...kinds]));
  if (options.from) conditions.push(gte(ledgerEntries.createdAt, options.from));
  if (options.to) conditions.push(lt(ledgerEntries.createdAt, options.to));
  const where = and(...conditions);

  const [total] = await q
    .select({ n: count() })
    .from(ledgerEntries)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
    .where(where);
  const records: HistoryRecord[] = await entries(q, where)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const rows = records.map((record) => toHistoryRow(record, accountRow.id));
  return pageOf(rows, page, pageSize, total?.n ?? 0);
}

/** The account's transfers still pending, newest first: incoming top-ups and outgoing holds. */
export async function listPendingTransfers(q: Query, account: AccountRef): Promise<PendingTransfer[]> {
  const row = await readAccount(q, accountCode(account));
  if (!row) return [];
  const t = ledgerTransfers;
  const columns = {
    transferId: t.id,
    reference: t.reference,
    amount: t.amount,
    currency: t.currency,
    createdAt: t.createdAt,
    kind: t.kind,
    descriptionCode: t.descriptionCode,
    descriptionParams: t.descriptionParams,
    memo: t.memo,
  };
  // Two reads, each a range of its (account, state) index.
  const incoming = await q.select(columns).from(t).where(and(eq(t.creditAccountId, row.id), eq(t.state, 'pending')));
  const outgoing = await q.select(columns).from(t).where(and(eq(t.debitAccountId, row.id), eq(t.state, 'pending')));
  return [
    ...incoming.map((item) => pendingOf(item, 'incoming')),
    ...outgoing.map((item) => pendingOf(item, 'outgoing')),
  ].sort((x, y) => y.transferId - x.transferId);
}

function pendingOf(
  { descriptionCode, descriptionParams, ...item }: Omit<PendingTransfer, 'description' | 'direction'> & { descriptionCode: string; descriptionParams: string },
  direction: PendingTransfer['direction'],
): PendingTransfer {
  return { ...item, description: storedDescription(descriptionCode, descriptionParams), direction };
}
