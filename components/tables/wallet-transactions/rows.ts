import type { WalletTransactionRow } from './columns';
import type { HistoryRow } from '@/lib/ledger';
import { historyRowStatus } from '@/lib/wallet/history-status';
import { describeLine, type LedgerWords } from './describe';

/**
 * Ledger history rows as the table shows them (dates as ISO strings for the client). Only
 * posted rows carry a running balance: a rejected top-up or released hold changed nothing.
 */
export function toTransactionRows(rows: HistoryRow[], currency: string, tLedger?: LedgerWords): WalletTransactionRow[] {
  return rows.map((row) => {
    const status = historyRowStatus(row);
    return {
      reference: row.reference,
      date: row.date.toISOString(),
      description: describeLine(row, tLedger),
      status,
      amount: row.amount,
      credit: row.credit,
      debit: row.debit,
      balanceAfter: status === 'posted' ? row.balanceAfter : null,
      currency,
    };
  });
}
