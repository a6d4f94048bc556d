import { DataTable } from '../data-table';
import { adminInvoiceColumns, type AdminInvoiceRow } from './columns';

/** One page of all invoices, for staff. */
export function AdminInvoicesTable({ rows }: { rows: AdminInvoiceRow[] }) {
  return <DataTable columns={adminInvoiceColumns} rows={rows} caption="Invoices" emptyText="No invoices match." />;
}
