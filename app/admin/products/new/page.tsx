import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ProductForm } from '@/components/catalog/product-form';
import { PageHeading } from '@/components/ui/page-heading';
import { getDatabase } from '@/db';
import { listCategories } from '@/lib/catalog/categories';
import { MAX_IMAGE_BYTES } from '@/lib/catalog/images';
import { taxRateText } from '@/lib/catalog/product-input';
import { getSettings } from '@/lib/settings';
import { requireStaff } from '../../../_server/session';
import { createProductAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('catalog.new');
  return { title: t('title') };
}

export default async function NewProductPage() {
  await requireStaff('/admin/products/new');
  const { read } = getDatabase();
  const [settings, categories, locale, t] = await Promise.all([getSettings(read), listCategories(read), getLocale(), getTranslations('catalog.new')]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')}>
        <Link href="/admin/products" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>
      <ProductForm
        action={createProductAction}
        current={{ name: '', description: '', price: '', stock: '', taxRate: '', categoryId: '', active: true, image: null }}
        categories={categories.map(({ id, name }) => ({ id, name }))}
        currency={settings.currency}
        defaultTaxRate={taxRateText(settings.defaultTaxRateBp, locale)}
        maxImageMegabytes={MAX_IMAGE_BYTES / (1024 * 1024)}
        hidden={{ attemptKey: crypto.randomUUID() }}
      />
    </div>
  );
}
