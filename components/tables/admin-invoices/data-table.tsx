import { useTranslations } from 'next-intl';
import { useStaffFormat } from '@/components/admin/format';
import { DataTable } from '../data-table';
import { adminInvoiceColumns, type AdminInvoiceRow } from './columns';

/** One page of all invoices, for staff. */
export function AdminInvoicesTable({ rows }: { rows: AdminInvoiceRow[] }) {
  const t = useTranslations('admin.invoices');
  const format = useStaffFormat();
  return <DataTable columns={adminInvoiceColumns(t, format)} rows={rows} caption={t('caption')} emptyText={t('empty')} />;
}
