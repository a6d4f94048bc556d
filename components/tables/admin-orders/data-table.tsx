import { DataTable } from '../data-table';
import { adminOrderColumns, type AdminOrderRow } from './columns';

/** One page of all orders, for staff. */
export function AdminOrdersTable({ rows }: { rows: AdminOrderRow[] }) {
  return <DataTable columns={adminOrderColumns} rows={rows} caption="Orders" emptyText="No orders match." />;
}
