import { DataTable } from '../data-table';
import { adminAuditColumns, type AdminAuditRow } from './columns';

/** One page of the audit log, newest first. */
export function AdminAuditTable({ rows }: { rows: AdminAuditRow[] }) {
  return <DataTable columns={adminAuditColumns} rows={rows} caption="Audit log" emptyText="No staff actions yet." />;
}
