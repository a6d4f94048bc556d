import 'server-only';
import {
  getBalance,
  listAccountHistory,
  listAccountHistoryFiltered,
  listPendingTransfers,
  type HistoryRow,
  type PendingTransfer,
} from '@/lib/ledger';
import { getSettings } from '@/lib/settings';
import { filterPending, toHistoryFilters, type HistorySearch } from './history-filters';

/**
 * What My Wallet shows: balances, open top-ups and holds, and the latest movements. The
 * balance.posted figure is what the newest posted row's running balance shows.
 */
export function getWalletOverview(userId: number) {
  const { currency } = getSettings();
  const account = { wallet: userId, currency };
  const balance = getBalance(account);
  const pending = listPendingTransfers(account);
  const recent = listAccountHistory(account, { page: 1, pageSize: 5 });
  return { currency, balance, pending, recent: recent.rows };
}

/**
 * One page (10 rows by default) of a shopper's wallet history, newest first, filtered as asked,
 * with the top-ups and holds still pending that match the filter (shown apart from the rows).
 */
export function getWalletHistoryPage(userId: number, search: HistorySearch, pageSize = 10) {
  const { currency } = getSettings();
  const account = { wallet: userId, currency };
  const filters = toHistoryFilters(search);
  const page = listAccountHistoryFiltered(account, { ...filters, page: search.page, pageSize });
  return { currency, ...page, pending: filterPending(listPendingTransfers(account), filters) };
}

/** Every row of a shopper's filtered wallet history, newest first, and what is still pending (CSV). */
export function getWalletHistoryForExport(
  userId: number,
  search: HistorySearch,
): { currency: string; rows: HistoryRow[]; pending: PendingTransfer[] } {
  const { currency } = getSettings();
  const account = { wallet: userId, currency };
  const filters = toHistoryFilters(search);
  const rows: HistoryRow[] = [];
  const pageSize = 500;
  for (let page = 1; ; page += 1) {
    const batch = listAccountHistoryFiltered(account, { ...filters, page, pageSize });
    rows.push(...batch.rows);
    if (page >= batch.totalPages) break;
  }
  return { currency, rows, pending: filterPending(listPendingTransfers(account), filters) };
}
