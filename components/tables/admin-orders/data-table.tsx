import { useTranslations } from 'next-intl';
import { useStaffFormat } from '@/components/admin/format';
import { DataTable } from '../data-table';
import { adminOrderColumns, type AdminOrderRow } from './columns';

/** One page of all orders, for staff. */
export function AdminOrdersTable({ rows }: { rows: AdminOrderRow[] }) {
  const t = useTranslations('admin.orders');
  const format = useStaffFormat();
  return <DataTable columns={adminOrderColumns(t, format)} rows={rows} caption={t('caption')} emptyText={t('empty')} />;
}
