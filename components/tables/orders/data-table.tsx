import { DataTable } from '../data-table';
import { orderColumns, type OrderRow } from './columns';

/** A shopper's orders, one server-side page at a time. */
export function OrdersTable({ rows }: { rows: OrderRow[] }) {
  return <DataTable columns={orderColumns} rows={rows} caption="Your orders" emptyText="You have no orders yet." />;
}
