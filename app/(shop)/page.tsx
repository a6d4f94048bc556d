import { getDatabase } from '@/db';
import { ProductCard } from '@/components/shop/product-card';
import { listProducts } from '@/lib/shop/catalog';

export const dynamic = 'force-dynamic';

export default async function ShopHomePage() {
  const products = await listProducts(getDatabase().read);
  return (
    <section aria-labelledby="catalog-heading">
      <div className="mb-8 rounded-xl bg-brand-900 px-6 py-10 text-white">
        <h1 id="catalog-heading" className="text-3xl font-semibold">
          Everyday goods, paid your way
        </h1>
        <p className="mt-2 max-w-xl text-brand-100">
          Keep money in your Coffer wallet and check out in one click, or pay by card, wire transfer or cash on
          delivery.
        </p>
      </div>
      <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-4" aria-label="Products">
        {products.map((product) => (
          <ProductCard key={product.id} product={product} />
        ))}
      </ul>
    </section>
  );
}
