import { productImage } from '@/lib/shop/product-image';
import type { Metadata } from 'next';
import Image from 'next/image';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { AddToCartForm } from '@/components/shop/add-to-cart-form';
import { Money } from '@/components/ui/money';
import { getProductBySlug } from '@/lib/shop/catalog';
import { addToCartAction } from '../../../cart/actions';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const product = await getProductBySlug(getDatabase().read, (await params).slug);
  return { title: product?.name ?? (await getTranslations('shop.product'))('notFound') };
}

export default async function ProductPage({ params }: Params) {
  const product = await getProductBySlug(getDatabase().read, (await params).slug);
  if (!product) notFound();
  const t = await getTranslations('shop.product');
  return (
    <article className="grid gap-8 md:grid-cols-2">
      <Image
        src={productImage(product)}
        alt={product.name}
        width={800}
        height={600}
        unoptimized
        priority
        className="aspect-[4/3] w-full rounded-xl border border-stone-200 bg-stone-100 object-cover"
      />
      <div className="flex flex-col gap-5">
        <Link href="/" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
        <h1 className="text-3xl font-semibold tracking-tight text-stone-900">{product.name}</h1>
        <p className="text-2xl font-medium text-brand-900" data-testid="product-price">
          <Money amount={product.priceMinor} currency={product.currency} />
        </p>
        <p className="leading-relaxed text-stone-700">{product.description}</p>
        <AddToCartForm action={addToCartAction} productId={product.id} />
      </div>
    </article>
  );
}
