import type { WalletTransactionRow } from './columns';
import type { HistoryRow } from '@/lib/ledger';

/** Ledger history rows as the table shows them (dates as ISO strings for the client). */
export function toTransactionRows(rows: HistoryRow[], currency: string): WalletTransactionRow[] {
  return rows.map((row) => ({
    reference: row.reference,
    date: row.date.toISOString(),
    description: row.description,
    state: row.state,
    credit: row.credit,
    debit: row.debit,
    balanceAfter: row.balanceAfter,
    currency,
  }));
}
