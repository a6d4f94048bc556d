import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SearchForm } from '@/components/admin/search-form';
import { AdminRefundsTable } from '@/components/tables/admin-refunds/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listRefunds } from '@/lib/refunds/list';
import { requireStaff } from '../../_server/session';
import { toRefundRows } from '../refund-rows';
import { pageNumber, textParam, withParams } from '../search-params';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.refunds');
  return { title: t('title') };
}

export default async function RefundsPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  await requireStaff('/admin/refunds');
  const params = await searchParams;
  const q = textParam(params.q);
  const [refunds, t] = await Promise.all([listRefunds(getDatabase().read, { page: pageNumber(params.page), q }), getTranslations('admin.refunds')]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')} />
      <SearchForm action="/admin/refunds" defaultValue={q} label={t('search')} />
      <p className="text-sm text-stone-600">
        {t('summary', { count: refunds.totalRows, page: refunds.page, pages: refunds.totalPages })}
      </p>
      <AdminRefundsTable rows={toRefundRows(refunds.rows)} />
      <Pagination
        page={refunds.page}
        totalPages={refunds.totalPages}
        hrefFor={(page) => withParams('/admin/refunds', { q, page })}
        label={t('pages')}
      />
    </div>
  );
}
