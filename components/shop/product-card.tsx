import { productImage } from '@/lib/shop/product-image';
import Image from 'next/image';
import Link from 'next/link';
import { Money } from '@/components/ui/money';

export function ProductCard({
  product,
}: {
  product: { slug: string; name: string; image: string | null; priceMinor: number; currency: string };
}) {
  return (
    <li className="group overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm">
      <Link href={`/products/${product.slug}`} className="block">
        <Image
          src={productImage(product)}
          alt=""
          width={480}
          height={360}
          unoptimized
          className="aspect-[4/3] w-full bg-stone-100 object-cover"
        />
        <div className="flex items-baseline justify-between gap-2 p-4">
          <h2 className="font-medium text-stone-900 group-hover:underline">{product.name}</h2>
          <Money amount={product.priceMinor} currency={product.currency} className="text-stone-700" />
        </div>
      </Link>
    </li>
  );
}
