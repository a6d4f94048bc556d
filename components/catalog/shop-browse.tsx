import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClasses } from '@/components/ui/button';
import { shopSorts, type ShopSort } from '@/lib/shop/catalog';

/** The shop's search box: a GET form to /search, so results have their own address. */
export function ShopSearch({ defaultValue = '', id = 'shop-search' }: { defaultValue?: string; id?: string }) {
  const t = useTranslations('shop.search');
  return (
    <form role="search" action="/search" method="get" className="flex w-full max-w-md items-center gap-2">
      <label htmlFor={id} className="sr-only">
        {t('label')}
      </label>
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={defaultValue}
        maxLength={100}
        placeholder={t('placeholder')}
        className="min-w-0 flex-1 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
      />
      <button type="submit" className={buttonClasses('secondary')}>
        {t('submit')}
      </button>
    </form>
  );
}

/** "Sort by": links, so each order has its address and works without JavaScript. */
export function SortLinks({ current, hrefFor }: { current: ShopSort; hrefFor: (sort: ShopSort) => string }) {
  const t = useTranslations('shop.sort');
  return (
    <nav aria-label={t('label')} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span aria-hidden className="text-stone-500">
        {t('label')}:
      </span>
      {shopSorts.map((sort) => (
        <Link
          key={sort}
          href={hrefFor(sort)}
          aria-current={sort === current ? 'true' : undefined}
          className={sort === current ? 'font-medium text-stone-900' : 'text-brand-700 underline-offset-2 hover:underline'}
        >
          {t(sort)}
        </Link>
      ))}
    </nav>
  );
}

/** The categories a shopper can browse, as links to their pages. */
export function CategoryLinks({ categories, current }: { categories: { slug: string; name: string }[]; current?: string }) {
  const t = useTranslations('shop.home');
  if (categories.length === 0) return null;
  return (
    <nav aria-label={t('categories')} className="flex flex-wrap gap-2">
      {categories.map((category) => (
        <Link
          key={category.slug}
          href={`/category/${category.slug}`}
          aria-current={category.slug === current ? 'page' : undefined}
          className={`rounded-full border px-3 py-1.5 text-sm ${category.slug === current ? 'border-brand-600 bg-brand-600 text-white' : 'border-stone-300 bg-white text-stone-700 hover:bg-stone-100'}`}
        >
          {category.name}
        </Link>
      ))}
    </nav>
  );
}

/** The path with ?sort= and ?page= (and ?q=), leaving out defaults. */
export function browseHref(path: string, params: { q?: string; sort?: ShopSort; page?: number }): string {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  if (params.sort && params.sort !== 'featured') search.set('sort', params.sort);
  if (params.page && params.page > 1) search.set('page', String(params.page));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
