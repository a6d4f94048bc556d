import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SearchForm } from '@/components/admin/search-form';
import { CustomersTable } from '@/components/tables/admin-customers/data-table';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { listCustomers } from '@/lib/admin/customers';
import { requireStaff } from '../../_server/session';
import { pageNumber, textParam, withParams } from '../search-params';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.customers');
  return { title: t('title') };
}

type Params = { page?: string; q?: string; sort?: string };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireStaff('/admin/customers');
  const params = await searchParams;
  const q = textParam(params.q);
  const sort = params.sort === 'balance' ? 'balance' : 'name';
  const [customers, t] = await Promise.all([
    listCustomers(getDatabase().read, { page: pageNumber(params.page), q, sort }),
    getTranslations('admin.customers'),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')} />
      <SearchForm
        action="/admin/customers"
        defaultValue={q}
        label={t('search')}
        keep={{ sort: sort === 'balance' ? 'balance' : undefined }}
      />
      <p className="text-sm text-stone-600">
        {t('summary', {
          count: customers.totalRows,
          sort: sort === 'balance' ? t('sortedByBalance') : t('sortedByName'),
          page: customers.page,
          pages: customers.totalPages,
        })}
      </p>
      <CustomersTable
        sort={sort}
        query={q}
        rows={customers.rows.map((row) => ({ ...row, lastActivity: row.lastActivity?.toISOString() ?? null }))}
      />
      <Pagination
        page={customers.page}
        totalPages={customers.totalPages}
        hrefFor={(page) => withParams('/admin/customers', { q, sort: sort === 'balance' ? 'balance' : undefined, page })}
        label={t('pages')}
      />
    </div>
  );
}
