import { useTranslations } from 'next-intl';
import { useStaffFormat } from '@/components/admin/format';
import { DataTable } from '../data-table';
import { customerColumns, type CustomerRow, type CustomerSort } from './columns';

/** One server-sorted, server-paginated page of customers. */
export function CustomersTable({ rows, sort, query }: { rows: CustomerRow[]; sort: CustomerSort; query: string }) {
  const t = useTranslations('admin.customers');
  const format = useStaffFormat();
  const sortHref = (key: CustomerSort) => {
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    if (key === 'balance') params.set('sort', 'balance');
    const search = params.toString();
    return search ? `/admin/customers?${search}` : '/admin/customers';
  };
  return (
    <DataTable columns={customerColumns(sortHref, sort, t, format)} rows={rows} caption={t('caption')} emptyText={t('empty')} />
  );
}
