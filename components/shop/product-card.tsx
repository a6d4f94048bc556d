import Link from 'next/link';
import { ProductImage } from '@/components/catalog/product-image';
import { StockNote } from '@/components/catalog/stock-note';
import { Money } from '@/components/ui/money';
import { productImage } from '@/lib/shop/product-image';

export function ProductCard({
  product,
  priority = false,
}: {
  product: { slug: string; name: string; image: string | null; priceMinor: number; currency: string; stock: number | null };
  /** The first cards of a page: loaded at once (they are what the shopper sees first). */
  priority?: boolean;
}) {
  return (
    <li className="group overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm">
      <Link href={`/products/${product.slug}`} className="block">
        <ProductImage
          src={productImage(product)}
          alt=""
          width={480}
          height={360}
          sizes="(min-width: 1024px) 25vw, (min-width: 640px) 50vw, 100vw"
          preload={priority}
          className="aspect-[4/3] w-full bg-stone-100 object-cover"
        />
        <div className="flex flex-col gap-2 p-4">
          <div className="flex items-baseline justify-between gap-2">
            <h2 className="font-medium text-stone-900 group-hover:underline">{product.name}</h2>
            <Money amount={product.priceMinor} currency={product.currency} className="text-stone-700" />
          </div>
          <StockNote stock={product.stock} />
        </div>
      </Link>
    </li>
  );
}

/** A grid of product cards, named for screen readers. */
export function ProductGrid({ products, label }: { products: Parameters<typeof ProductCard>[0]['product'][]; label: string }) {
  return (
    <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-4" aria-label={label}>
      {products.map((product, index) => (
        <ProductCard key={product.slug} product={product} priority={index < 4} />
      ))}
    </ul>
  );
}
