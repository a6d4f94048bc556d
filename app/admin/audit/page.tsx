import type { Metadata } from 'next';
import { AdminAuditTable } from '@/components/tables/admin-audit/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listAuditLog } from '@/lib/admin/audit';
import { requireStaff } from '../../_server/session';
import { pageNumber } from '../search-params';
import { getDatabase } from '@/db';

export const metadata: Metadata = { title: 'Audit Log' };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireStaff('/admin/audit');
  const log = await listAuditLog(getDatabase().read, { page: pageNumber((await searchParams).page) });
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title="Audit Log" />
      <p className="max-w-2xl text-sm text-stone-600">
        Every staff action, newest first. Entries are written in the same transaction as the action and are never changed or
        deleted. {log.totalRows} entr{log.totalRows === 1 ? 'y' : 'ies'} · page {log.page} of {log.totalPages}
      </p>
      <AdminAuditTable rows={log.rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }))} />
      <Pagination page={log.page} totalPages={log.totalPages} hrefFor={(page) => `/admin/audit?page=${page}`} label="Audit log pages" />
    </div>
  );
}
