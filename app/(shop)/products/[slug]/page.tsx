import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { ProductImage } from '@/components/catalog/product-image';
import { StockNote } from '@/components/catalog/stock-note';
import { AddToCartForm } from '@/components/shop/add-to-cart-form';
import { Money } from '@/components/ui/money';
import { getCategory } from '@/lib/catalog/categories';
import { getProductBySlug } from '@/lib/shop/catalog';
import { productImage } from '@/lib/shop/product-image';
import { addToCartAction } from '../../../cart/actions';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const product = await getProductBySlug(getDatabase().read, (await params).slug);
  return { title: product?.name ?? (await getTranslations('shop.product'))('notFound') };
}

export default async function ProductPage({ params }: Params) {
  const { read } = getDatabase();
  const product = await getProductBySlug(read, (await params).slug);
  if (!product) notFound();
  const [category, t] = await Promise.all([product.categoryId === null ? undefined : getCategory(read, product.categoryId), getTranslations('shop.product')]);
  return (
    <article className="grid gap-8 md:grid-cols-2">
      <ProductImage
        src={productImage(product)}
        alt={product.name}
        width={800}
        height={600}
        sizes="(min-width: 768px) 50vw, 100vw"
        preload
        className="aspect-[4/3] w-full rounded-xl border border-stone-200 bg-stone-100 object-cover"
      />
      <div className="flex flex-col gap-5">
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <Link href="/" className="text-brand-700 underline">
            {t('back')}
          </Link>
          {category ? (
            <Link href={`/category/${category.slug}`} className="text-brand-700 underline">
              {t('category', { name: category.name })}
            </Link>
          ) : null}
        </div>
        <h1 className="text-3xl font-semibold tracking-tight text-stone-900">{product.name}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-2xl font-medium text-brand-900" data-testid="product-price">
            <Money amount={product.priceMinor} currency={product.currency} />
          </p>
          <StockNote stock={product.stock} />
        </div>
        <p className="leading-relaxed text-stone-700">{product.description}</p>
        <AddToCartForm action={addToCartAction} productId={product.id} outOfStock={product.stock === 0} />
      </div>
    </article>
  );
}
