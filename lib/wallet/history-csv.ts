import { toCsv, type CsvCell } from '@/lib/csv/format';
import type { Locale } from '@/lib/i18n/locales';
import type { HistoryRow, PendingTransfer } from '@/lib/ledger';
import { historyRowStatus, pendingStatus, type WalletLineStatus } from './history-status';

const columns = ['reference', 'date', 'description', 'status', 'amount', 'credit', 'debit', 'balance', 'currency'] as const;

/**
 * The CSV's words, in the requester's language, chosen at the edge (the `csv` catalogue): the
 * column headers, the status words and how a line is described (ledger descriptions are codes).
 * Their locale also picks the CSV's separator and decimal mark (lib/csv/format).
 */
export type HistoryCsvWords = {
  locale: Locale;
  header: Record<(typeof columns)[number], string>;
  status: (status: WalletLineStatus) => string;
  describe: (line: HistoryRow | PendingTransfer) => string;
};

/**
 * Wallet history as CSV (amounts exact in the wallet's currency, written by toCsv). Credit, Debit
 * and Balance hold only money that moved; pending, held, rejected and released lines carry their
 * Status and Amount with those columns empty, so summing Credit − Debit gives the Balance.
 */
export function historyToCsv(rows: HistoryRow[], currency: string, pending: PendingTransfer[], words: HistoryCsvWords): string {
  const money = (amount: number | null): CsvCell => (amount === null ? null : { amount, currency });
  const open = pending.map((item): CsvCell[] => [
    item.reference,
    item.createdAt.toISOString(),
    words.describe(item),
    words.status(pendingStatus(item)),
    money(item.amount),
    null,
    null,
    null,
    currency,
  ]);
  const final = rows.map((row): CsvCell[] => {
    const status = historyRowStatus(row);
    return [
      row.reference,
      row.date.toISOString(),
      words.describe(row),
      words.status(status),
      money(row.amount),
      money(row.credit),
      money(row.debit),
      status === 'posted' ? money(row.balanceAfter) : null,
      currency,
    ];
  });
  const header = columns.map((column) => words.header[column]);
  return toCsv([header, ...open, ...final], words.locale);
}
