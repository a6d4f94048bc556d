import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { browseHref, ShopSearch, SortLinks } from '@/components/catalog/shop-browse';
import { ProductGrid } from '@/components/shop/product-card';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { getDatabase } from '@/db';
import { browseProducts, shopSort } from '@/lib/shop/catalog';
import { pageNumber, textParam } from '../../admin/search-params';

export const dynamic = 'force-dynamic';

type Params = { searchParams: Promise<{ q?: string; sort?: string; page?: string }> };

export async function generateMetadata({ searchParams }: Params): Promise<Metadata> {
  const query = textParam((await searchParams).q).trim();
  const t = await getTranslations('shop.search');
  return { title: query ? t('metaTitle', { query }) : t('title') };
}

/** Search results: products on sale whose name or description holds every word typed (Turkish letters folded). */
export default async function SearchPage({ searchParams }: Params) {
  const params = await searchParams;
  const query = textParam(params.q).trim();
  const sort = shopSort(params.sort);
  const [t, shop] = await Promise.all([getTranslations('shop.search'), getTranslations('shop')]);
  const results = query ? await browseProducts(getDatabase().read, { search: query, sort, page: pageNumber(params.page) }) : undefined;
  return (
    <section className="flex flex-col gap-5">
      <PageHeading title={t('title')} />
      <ShopSearch defaultValue={query} id="search-page-q" />
      {results ? (
        <>
          <div className="flex flex-col gap-3 md:flex-row md:items-center md:justify-between">
            <p role="status" className="text-sm text-stone-700">
              {t('results', { count: results.totalRows, query })}
            </p>
            <SortLinks current={sort} hrefFor={(next) => browseHref('/search', { q: query, sort: next })} />
          </div>
          {results.products.length > 0 ? <ProductGrid products={results.products} label={t('title')} /> : null}
          <Pagination page={results.page} totalPages={results.totalPages} hrefFor={(page) => browseHref('/search', { q: query, sort, page })} label={shop('pages')} />
        </>
      ) : (
        <p className="text-stone-600">{t('prompt')}</p>
      )}
    </section>
  );
}
