import { useTranslations } from 'next-intl';
import { useStaffFormat } from '@/components/admin/format';
import { DataTable } from '../data-table';
import { adminAuditColumns, type AdminAuditRow } from './columns';

/** One page of the audit log, newest first. */
export function AdminAuditTable({ rows }: { rows: AdminAuditRow[] }) {
  const t = useTranslations('admin.audit');
  const format = useStaffFormat();
  return <DataTable columns={adminAuditColumns(t, format)} rows={rows} caption={t('caption')} emptyText={t('empty')} />;
}
