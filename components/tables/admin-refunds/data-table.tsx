import { DataTable } from '../data-table';
import { adminRefundColumns, type AdminRefundRow } from './columns';

/** Refunds to wallets, for staff. */
export function AdminRefundsTable({ rows, emptyText = 'No refunds match.' }: { rows: AdminRefundRow[]; emptyText?: string }) {
  return <DataTable columns={adminRefundColumns} rows={rows} caption="Refunds" emptyText={emptyText} />;
}
