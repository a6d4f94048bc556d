import { DataTable } from '../data-table';
import { customerColumns, type CustomerRow, type CustomerSort } from './columns';

/** One server-sorted, server-paginated page of customers. */
export function CustomersTable({ rows, sort, query }: { rows: CustomerRow[]; sort: CustomerSort; query: string }) {
  const sortHref = (key: CustomerSort) => {
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    if (key === 'balance') params.set('sort', 'balance');
    const search = params.toString();
    return search ? `/admin/customers?${search}` : '/admin/customers';
  };
  return <DataTable columns={customerColumns(sortHref, sort)} rows={rows} caption="Customers" emptyText="No customers match." />;
}
