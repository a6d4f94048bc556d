import 'server-only';
import { getBalance, listAccountHistory, listAccountHistoryFiltered, listPendingTransfers, type HistoryRow } from '@/lib/ledger';
import { getSettings } from '@/lib/settings';
import { toHistoryFilters, type HistorySearch } from './history-filters';

/** What My Wallet shows: balances, open top-ups and holds, and the latest movements. */
export function getWalletOverview(userId: number) {
  const { currency } = getSettings();
  const account = { wallet: userId, currency };
  const balance = getBalance(account);
  const pending = listPendingTransfers(account);
  const recent = listAccountHistory(account, { page: 1, pageSize: 5 });
  return { currency, balance, pending, recent: recent.rows };
}

/** One page (10 rows by default) of a shopper's wallet history, newest first, filtered as asked. */
export function getWalletHistoryPage(userId: number, search: HistorySearch, pageSize = 10) {
  const { currency } = getSettings();
  const page = listAccountHistoryFiltered(
    { wallet: userId, currency },
    { ...toHistoryFilters(search), page: search.page, pageSize },
  );
  return { currency, ...page };
}

/** Every row of a shopper's filtered wallet history, newest first (for the CSV export). */
export function getWalletHistoryForExport(userId: number, search: HistorySearch): { currency: string; rows: HistoryRow[] } {
  const { currency } = getSettings();
  const rows: HistoryRow[] = [];
  const pageSize = 500;
  for (let page = 1; ; page += 1) {
    const batch = listAccountHistoryFiltered({ wallet: userId, currency }, { ...toHistoryFilters(search), page, pageSize });
    rows.push(...batch.rows);
    if (page >= batch.totalPages) break;
  }
  return { currency, rows };
}
