import type { HistoryRow, PendingTransfer } from '@/lib/ledger';
import { toDecimalString } from '@/lib/money';
import { historyRowStatus, pendingStatus, walletLineStatusLabels } from './history-status';

/** One CSV field: quoted, and defused so a spreadsheet never runs it as a formula. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

const header = ['Reference', 'Date (UTC)', 'Description', 'Status', 'Amount', 'Credit', 'Debit', 'Balance', 'Currency'];

/**
 * Wallet history as CSV (amounts as exact decimals in the wallet's currency). Credit, Debit and
 * Balance hold only money that moved; pending, held, rejected and released lines carry their
 * Status and Amount with those columns empty, so summing Credit − Debit gives the Balance.
 */
export function historyToCsv(rows: HistoryRow[], currency: string, pending: PendingTransfer[] = []): string {
  const money = (amount: number | null) => (amount === null ? '' : toDecimalString(amount, currency));
  const open = pending.map((item) => [
    item.reference,
    item.createdAt.toISOString(),
    item.memo ?? item.description,
    walletLineStatusLabels[pendingStatus(item)],
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
      row.description,
      walletLineStatusLabels[status],
      money(row.amount),
      money(row.credit),
      money(row.debit),
      status === 'posted' ? money(row.balanceAfter) : '',
      currency,
    ];
  });
  const lines = [header, ...open, ...final].map((line) => line.map(field).join(','));
  return lines.join('\r\n') + '\r\n';
}
