import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AdminAuditTable } from '@/components/tables/admin-audit/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listAuditLog } from '@/lib/admin/audit';
import { requireStaff } from '../../_server/session';
import { pageNumber } from '../search-params';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.audit');
  return { title: t('title') };
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireStaff('/admin/audit');
  const [log, t] = await Promise.all([
    listAuditLog(getDatabase().read, { page: pageNumber((await searchParams).page) }),
    getTranslations('admin.audit'),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')} />
      <p className="max-w-2xl text-sm text-stone-600">{t('intro', { count: log.totalRows, page: log.page, pages: log.totalPages })}</p>
      <AdminAuditTable rows={log.rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }))} />
      <Pagination page={log.page} totalPages={log.totalPages} hrefFor={(page) => `/admin/audit?page=${page}`} label={t('pages')} />
    </div>
  );
}
