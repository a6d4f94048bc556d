import type { HistoryRow, PendingTransfer } from '@/lib/ledger';

/**
 * A wallet line's description in words: a hold's own memo, else the transfer's description.
 * One place for the table, the pending list and the CSV, so that when ledger rows carry a
 * description code and params (the `ledger` catalogue) only this changes.
 */
export function describeLine(line: Pick<HistoryRow, 'description'> & Partial<Pick<PendingTransfer, 'memo'>>): string {
  return line.memo || line.description;
}
