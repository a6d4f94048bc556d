import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ArchiveForm } from '@/components/catalog/archive-form';
import { ProductForm } from '@/components/catalog/product-form';
import { PageHeading } from '@/components/ui/page-heading';
import { getDatabase } from '@/db';
import { listCategories } from '@/lib/catalog/categories';
import { MAX_IMAGE_BYTES } from '@/lib/catalog/images';
import { taxRateText } from '@/lib/catalog/product-input';
import { getStaffProduct } from '@/lib/catalog/products';
import { toInputString } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { requireStaff } from '../../../_server/session';
import { archiveProductAction, restoreProductAction, updateProductAction } from '../actions';

type Params = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

/** The product id in the URL, or 0 for anything that is not one (found nowhere). */
function productIdOf(text: string): number {
  return /^\d{1,10}$/.test(text) ? Number(text) : 0;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const product = await getStaffProduct(getDatabase().read, productIdOf((await params).id));
  return { title: product?.name ?? (await getTranslations('catalog.errors'))('productNotFound') };
}

export default async function ProductPage({ params, searchParams }: Params) {
  const { id } = await params;
  await requireStaff(`/admin/products/${encodeURIComponent(id)}`);
  const { read } = getDatabase();
  const [product, settings, categories, locale, t, form] = await Promise.all([
    getStaffProduct(read, productIdOf(id)),
    getSettings(read),
    listCategories(read),
    getLocale(),
    getTranslations('catalog'),
    getTranslations('catalog.form'),
  ]);
  if (!product) notFound();
  const created = (await searchParams).created === '1';
  const stock = product.stock === null ? '' : String(product.stock);
  const archived = product.archivedAt !== null;
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={product.name}>
        {archived || !product.active ? null : (
          <Link href={`/products/${product.slug}`} className="text-sm text-brand-700 underline">
            {t('edit.viewInShop')}
          </Link>
        )}
        <Link href="/admin/products" className="text-sm text-brand-700 underline">
          {t('edit.back')}
        </Link>
      </PageHeading>
      {created ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          {form('created', { slug: product.slug })}
        </p>
      ) : null}
      {archived ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('edit.archivedNote')}</p>
      ) : null}
      <section aria-labelledby="details-heading" className="flex flex-col gap-3">
        <h2 id="details-heading" className="text-lg font-medium">
          {t('edit.details')}
        </h2>
        <ProductForm
          action={updateProductAction}
          current={{
            name: product.name,
            description: product.description,
            price: toInputString(product.priceMinor, product.currency, locale),
            stock,
            taxRate: taxRateText(product.taxRateBp, locale),
            categoryId: product.categoryId === null ? '' : String(product.categoryId),
            active: product.active,
            image: product.image,
          }}
          categories={categories.map(({ id: categoryId, name }) => ({ id: categoryId, name }))}
          currency={product.currency}
          defaultTaxRate={taxRateText(settings.defaultTaxRateBp, locale)}
          maxImageMegabytes={MAX_IMAGE_BYTES / (1024 * 1024)}
          hidden={{ productId: String(product.id), stockShown: stock }}
        />
      </section>
      <section aria-labelledby="archive-heading" className="flex max-w-2xl flex-col gap-2 border-t border-stone-200 pt-6">
        <h2 id="archive-heading" className="text-lg font-medium">
          {t('archive.heading')}
        </h2>
        <p className="text-sm text-stone-600">{t('archive.hint')}</p>
        <ArchiveForm action={archived ? restoreProductAction : archiveProductAction} productId={product.id} archived={archived} />
      </section>
    </div>
  );
}
