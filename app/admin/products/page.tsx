import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SearchForm } from '@/components/admin/search-form';
import { ProductsTable } from '@/components/catalog/products-table';
import { buttonClasses } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { getDatabase } from '@/db';
import { listStaffProducts, type StaffProductView } from '@/lib/catalog/products';
import { requireStaff } from '../../_server/session';
import { pageNumber, textParam, withParams } from '../search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('catalog.products');
  return { title: t('title') };
}

type Params = { page?: string; q?: string; view?: string };

export default async function ProductsPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireStaff('/admin/products');
  const params = await searchParams;
  const q = textParam(params.q);
  const view: StaffProductView = params.view === 'archived' ? 'archived' : 'current';
  const viewParam = view === 'archived' ? 'archived' : undefined;
  const [products, t] = await Promise.all([
    listStaffProducts(getDatabase().read, { page: pageNumber(params.page), q, view }),
    getTranslations('catalog.products'),
  ]);
  const tab = (key: StaffProductView) => (
    <Link
      href={withParams('/admin/products', { q, view: key === 'archived' ? 'archived' : undefined })}
      aria-current={view === key ? 'page' : undefined}
      className={`rounded-md px-3 py-1.5 text-sm ${view === key ? 'bg-brand-600 text-white' : 'border border-stone-300 bg-white text-stone-700 hover:bg-stone-100'}`}
    >
      {t(`views.${key}`)}
    </Link>
  );
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')}>
        <Link href="/admin/products/new" className={buttonClasses('primary')}>
          {t('newProduct')}
        </Link>
      </PageHeading>
      <nav aria-label={t('views.label')} className="flex flex-wrap gap-2">
        {tab('current')}
        {tab('archived')}
      </nav>
      <SearchForm action="/admin/products" defaultValue={q} label={t('search')} keep={{ view: viewParam }} />
      <p className="text-sm text-stone-600">{t('summary', { count: products.totalRows, page: products.page, pages: products.totalPages })}</p>
      <ProductsTable rows={products.rows} />
      <Pagination
        page={products.page}
        totalPages={products.totalPages}
        hrefFor={(page) => withParams('/admin/products', { q, view: viewParam, page })}
        label={t('pages')}
      />
    </div>
  );
}
