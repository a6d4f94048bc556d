import { DataTable } from '../data-table';
import { walletTransactionColumns, type WalletTransactionRow } from './columns';

export function WalletTransactionsTable({ rows }: { rows: WalletTransactionRow[] }) {
  return (
    <DataTable
      columns={walletTransactionColumns}
      rows={rows}
      caption="Wallet transactions"
      emptyText="No wallet transactions yet."
    />
  );
}
