import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { SearchForm } from '@/components/admin/search-form';
import { adminInvoiceRow } from '@/components/tables/admin-invoices/rows';
import { AdminInvoicesTable } from '@/components/tables/admin-invoices/data-table';
import { buttonClasses } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listInvoices } from '@/lib/admin/invoices';
import { requireStaff } from '../../_server/session';
import { pageNumber, textParam, withParams } from '../search-params';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.invoices');
  return { title: t('title') };
}

export default async function AdminInvoicesPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  await requireStaff('/admin/invoices');
  const params = await searchParams;
  const q = textParam(params.q);
  const [invoices, t] = await Promise.all([listInvoices(getDatabase().read, { page: pageNumber(params.page), q }), getTranslations('admin.invoices')]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')}>
        <Link href="/admin/invoices/new" className={buttonClasses('primary')}>
          {t('new')}
        </Link>
      </PageHeading>
      <SearchForm action="/admin/invoices" defaultValue={q} label={t('search')} />
      <p className="text-sm text-stone-600">
        {t('summary', { count: invoices.totalRows, page: invoices.page, pages: invoices.totalPages })}
      </p>
      <AdminInvoicesTable rows={invoices.rows.map(adminInvoiceRow)} />
      <Pagination
        page={invoices.page}
        totalPages={invoices.totalPages}
        hrefFor={(page) => withParams('/admin/invoices', { q, page })}
        label={t('pages')}
      />
    </div>
  );
}
