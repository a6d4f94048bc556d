import 'server-only';
import type { Query } from '@/db/database';
import {
  getBalance,
  getWalletNegativeLimit,
  listAccountHistory,
  listAccountHistoryFiltered,
  listPendingTransfers,
  type HistoryRow,
  type PendingTransfer,
} from '@/lib/ledger';
import { getSettings } from '@/lib/settings';
import { filterPending, toHistoryFilters, type HistorySearch } from './history-filters';

/**
 * What My Wallet shows: balances, the overdraft limit (0 when the shop gave none), open top-ups and
 * holds, and the latest movements. The balance.posted figure is what the newest posted row's
 * running balance shows; the page's "Available funds" is `spendable` (available + overdraftLimit).
 */
export async function getWalletOverview(q: Query, userId: number) {
  const { currency } = await getSettings(q);
  const account = { wallet: userId, currency };
  const balance = await getBalance(q, account);
  const overdraftLimit = await getWalletNegativeLimit(q, account);
  const pending = await listPendingTransfers(q, account);
  const recent = await listAccountHistory(q, account, { page: 1, pageSize: 5 });
  return { currency, balance, overdraftLimit, spendable: balance.available + overdraftLimit, pending, recent: recent.rows };
}

/**
 * One page (10 rows by default) of a shopper's wallet history, newest first, filtered as asked,
 * with the top-ups and holds still pending that match the filter (shown apart from the rows).
 */
export async function getWalletHistoryPage(q: Query, userId: number, search: HistorySearch, pageSize = 10) {
  const { currency } = await getSettings(q);
  const account = { wallet: userId, currency };
  const filters = toHistoryFilters(search);
  const page = await listAccountHistoryFiltered(q, account, { ...filters, page: search.page, pageSize });
  return { currency, ...page, pending: filterPending(await listPendingTransfers(q, account), filters) };
}

/** Every row of a shopper's filtered wallet history, newest first, and what is still pending (CSV). */
export async function getWalletHistoryForExport(
  q: Query,
  userId: number,
  search: HistorySearch,
): Promise<{ currency: string; rows: HistoryRow[]; pending: PendingTransfer[] }> {
  const { currency } = await getSettings(q);
  const account = { wallet: userId, currency };
  const filters = toHistoryFilters(search);
  const rows: HistoryRow[] = [];
  const pageSize = 500;
  for (let page = 1; ; page += 1) {
    const batch = await listAccountHistoryFiltered(q, account, { ...filters, page, pageSize });
    rows.push(...batch.rows);
    if (page >= batch.totalPages) break;
  }
  return { currency, rows, pending: filterPending(await listPendingTransfers(q, account), filters) };
}
