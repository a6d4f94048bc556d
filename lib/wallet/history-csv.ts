import type { HistoryRow } from '@/lib/ledger';
import { toDecimalString } from '@/lib/money';

/** One CSV field: quoted, and defused so a spreadsheet never runs it as a formula. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Wallet history as CSV (amounts as exact decimals in the wallet's currency). */
export function historyToCsv(rows: HistoryRow[], currency: string): string {
  const header = ['Reference', 'Date (UTC)', 'Description', 'Status', 'Credit', 'Debit', 'Balance', 'Currency'];
  const lines = rows.map((row) =>
    [
      row.reference,
      row.date.toISOString(),
      row.description,
      row.state === 'voided' ? 'Rejected' : 'Posted',
      row.credit === null ? '' : toDecimalString(row.credit, currency),
      row.debit === null ? '' : toDecimalString(row.debit, currency),
      toDecimalString(row.balanceAfter, currency),
      currency,
    ]
      .map(field)
      .join(','),
  );
  return [header.map(field).join(','), ...lines].join('\r\n') + '\r\n';
}
