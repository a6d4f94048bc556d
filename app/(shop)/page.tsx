import { getTranslations } from 'next-intl/server';
import { browseHref, CategoryLinks, ShopSearch, SortLinks } from '@/components/catalog/shop-browse';
import { ProductGrid } from '@/components/shop/product-card';
import { Pagination } from '@/components/ui/pagination';
import { getDatabase } from '@/db';
import { browseProducts, listShopCategories, shopSort } from '@/lib/shop/catalog';
import { pageNumber } from '../admin/search-params';

export const dynamic = 'force-dynamic';

type Params = { sort?: string; page?: string };

export default async function ShopHomePage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const sort = shopSort(params.sort);
  const { read } = getDatabase();
  const [catalog, categories, t, shop] = await Promise.all([
    browseProducts(read, { sort, page: pageNumber(params.page) }),
    listShopCategories(read),
    getTranslations('shop.home'),
    getTranslations('shop'),
  ]);
  return (
    <section aria-labelledby="catalog-heading" className="flex flex-col gap-6">
      <div className="rounded-xl bg-brand-900 px-6 py-10 text-white">
        <h1 id="catalog-heading" className="text-3xl font-semibold">
          {t('title')}
        </h1>
        <p className="mt-2 max-w-xl text-brand-100">{t('intro')}</p>
      </div>
      <div className="flex flex-col gap-4 md:flex-row md:items-center md:justify-between">
        <ShopSearch />
        <SortLinks current={sort} hrefFor={(next) => browseHref('/', { sort: next })} />
      </div>
      <CategoryLinks categories={categories} />
      {catalog.products.length === 0 ? <p className="text-stone-600">{t('empty')}</p> : <ProductGrid products={catalog.products} label={t('products')} />}
      <Pagination page={catalog.page} totalPages={catalog.totalPages} hrefFor={(page) => browseHref('/', { sort, page })} label={shop('pages')} />
    </section>
  );
}
