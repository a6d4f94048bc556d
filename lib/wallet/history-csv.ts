import type { HistoryRow, PendingTransfer } from '@/lib/ledger';
import { toDecimalString } from '@/lib/money';
import { historyRowStatus, pendingStatus, type WalletLineStatus } from './history-status';

/** One CSV field: quoted, and defused so a spreadsheet never runs it as a formula. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

const columns = ['reference', 'date', 'description', 'status', 'amount', 'credit', 'debit', 'balance', 'currency'] as const;

/**
 * The CSV's words, in the requester's language, chosen at the edge (the `csv` catalogue): the
 * column headers, the status words and how a line is described (ledger descriptions are codes).
 */
export type HistoryCsvWords = {
  header: Record<(typeof columns)[number], string>;
  status: (status: WalletLineStatus) => string;
  describe: (line: HistoryRow | PendingTransfer) => string;
};

/**
 * Wallet history as CSV (amounts as exact decimals in the wallet's currency). Credit, Debit and
 * Balance hold only money that moved; pending, held, rejected and released lines carry their
 * Status and Amount with those columns empty, so summing Credit − Debit gives the Balance.
 */
export function historyToCsv(rows: HistoryRow[], currency: string, pending: PendingTransfer[], words: HistoryCsvWords): string {
  const money = (amount: number | null) => (amount === null ? '' : toDecimalString(amount, currency));
  const open = pending.map((item) => [
    item.reference,
    item.createdAt.toISOString(),
    words.describe(item),
    words.status(pendingStatus(item)),
    money(item.amount),
    '',
    '',
    '',
    currency,
  ]);
  const final = rows.map((row) => {
    const status = historyRowStatus(row);
    return [
      row.reference,
      row.date.toISOString(),
      words.describe(row),
      words.status(status),
      money(row.amount),
      money(row.credit),
      money(row.debit),
      status === 'posted' ? money(row.balanceAfter) : '',
      currency,
    ];
  });
  const header = columns.map((column) => words.header[column]);
  const lines = [header, ...open, ...final].map((line) => line.map(field).join(','));
  return lines.join('\r\n') + '\r\n';
}
