import type { HistoryRow, PendingTransfer } from '@/lib/ledger';

/**
 * What a wallet history line is: posted (money moved), pending (a top-up on its way), held (a
 * hold on the wallet), rejected (a top-up that never arrived), released (a hold given back).
 * Only posted lines fill the credit, debit and running-balance columns. Words: statuses.walletLine.<status>.
 */
export type WalletLineStatus = 'posted' | 'pending' | 'held' | 'rejected' | 'released';

/** The status of a final history row: a voided credit was rejected, a voided debit released. */
export function historyRowStatus(row: Pick<HistoryRow, 'state' | 'direction'>): WalletLineStatus {
  if (row.state === 'posted') return 'posted';
  return row.direction === 'credit' ? 'rejected' : 'released';
}

/** The status of a transfer still pending: money on its way in, or a hold on the way out. */
export function pendingStatus(item: Pick<PendingTransfer, 'direction'>): WalletLineStatus {
  return item.direction === 'incoming' ? 'pending' : 'held';
}
