import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { ProductCard } from '@/components/shop/product-card';
import { listProducts } from '@/lib/shop/catalog';

export const dynamic = 'force-dynamic';

export default async function ShopHomePage() {
  const [products, t] = await Promise.all([listProducts(getDatabase().read), getTranslations('shop.home')]);
  return (
    <section aria-labelledby="catalog-heading">
      <div className="mb-8 rounded-xl bg-brand-900 px-6 py-10 text-white">
        <h1 id="catalog-heading" className="text-3xl font-semibold">
          {t('title')}
        </h1>
        <p className="mt-2 max-w-xl text-brand-100">
          {t('intro')}
        </p>
      </div>
      <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-4" aria-label={t('products')}>
        {products.map((product) => (
          <ProductCard key={product.id} product={product} />
        ))}
      </ul>
    </section>
  );
}
