import { useTranslations } from 'next-intl';
import { useStaffFormat } from '@/components/admin/format';
import { DataTable } from '../data-table';
import { adminRefundColumns, type AdminRefundRow } from './columns';

/** Refunds to wallets, for staff. */
export function AdminRefundsTable({ rows, emptyText }: { rows: AdminRefundRow[]; emptyText?: string }) {
  const t = useTranslations('admin.refunds');
  const format = useStaffFormat();
  return <DataTable columns={adminRefundColumns(t, format)} rows={rows} caption={t('caption')} emptyText={emptyText ?? t('empty')} />;
}
