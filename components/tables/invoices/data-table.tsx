import { DataTable } from '../data-table';
import { invoiceColumns, type InvoiceRow } from './columns';

/** A page of the shopper's invoices. */
export function InvoicesTable({ rows }: { rows: InvoiceRow[] }) {
  return <DataTable columns={invoiceColumns} rows={rows} caption="Invoices" emptyText="You have no invoices yet." />;
}
