import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CategoriesTable } from '@/components/catalog/categories-table';
import { NewCategoryForm } from '@/components/catalog/category-forms';
import { PageHeading } from '@/components/ui/page-heading';
import { getDatabase } from '@/db';
import { listCategories } from '@/lib/catalog/categories';
import { requireStaff } from '../../_server/session';
import { createCategoryAction, deleteCategoryAction, renameCategoryAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('catalog.categories');
  return { title: t('title') };
}

export default async function CategoriesPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requireStaff('/admin/categories');
  const deleted = (await searchParams).deleted === '1';
  const [categories, t] = await Promise.all([listCategories(getDatabase().read), getTranslations('catalog.categories')]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('title')} />
      {deleted ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          {t('deleted')}
        </p>
      ) : null}
      <p className="max-w-2xl text-sm text-stone-600">{t('intro')}</p>
      <section aria-labelledby="new-category-heading" className="flex flex-col gap-2">
        <h2 id="new-category-heading" className="text-lg font-medium">
          {t('newHeading')}
        </h2>
        <NewCategoryForm action={createCategoryAction} />
      </section>
      <CategoriesTable
        rows={categories.map(({ id, name, slug, productCount, archivedCount }) => ({ id, name, slug, productCount, archivedCount }))}
        renameAction={renameCategoryAction}
        deleteAction={deleteCategoryAction}
      />
    </div>
  );
}
