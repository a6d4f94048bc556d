import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { browseHref, CategoryLinks, ShopSearch, SortLinks } from '@/components/catalog/shop-browse';
import { ProductGrid } from '@/components/shop/product-card';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { getDatabase } from '@/db';
import { browseProducts, getCategoryBySlug, listShopCategories, shopSort } from '@/lib/shop/catalog';
import { pageNumber } from '../../../admin/search-params';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ slug: string }>; searchParams: Promise<{ sort?: string; page?: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const category = await getCategoryBySlug(getDatabase().read, (await params).slug);
  return { title: category?.name ?? (await getTranslations('shop.category'))('notFound') };
}

/** A category's page: its products on sale, sorted and paged. */
export default async function CategoryPage({ params, searchParams }: Params) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const { read } = getDatabase();
  const category = await getCategoryBySlug(read, slug);
  if (!category) notFound();
  const sort = shopSort(query.sort);
  const path = `/category/${category.slug}`;
  const [catalog, categories, t, shop] = await Promise.all([
    browseProducts(read, { categoryId: category.id, sort, page: pageNumber(query.page) }),
    listShopCategories(read),
    getTranslations('shop.category'),
    getTranslations('shop'),
  ]);
  return (
    <section className="flex flex-col gap-5">
      <PageHeading title={category.name}>
        <Link href="/" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>
      <div className="flex flex-col gap-4 md:flex-row md:items-center md:justify-between">
        <ShopSearch />
        <SortLinks current={sort} hrefFor={(next) => browseHref(path, { sort: next })} />
      </div>
      <CategoryLinks categories={categories} current={category.slug} />
      {catalog.products.length === 0 ? (
        <p className="text-stone-600">{t('empty')}</p>
      ) : (
        <ProductGrid products={catalog.products} label={category.name} />
      )}
      <Pagination page={catalog.page} totalPages={catalog.totalPages} hrefFor={(page) => browseHref(path, { sort, page })} label={shop('pages')} />
    </section>
  );
}
