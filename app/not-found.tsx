import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('common.notFound');
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-stone-500">{t('code')}</p>
      <h1 className="mt-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-stone-600">{t('body')}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        {t('back')}
      </Link>
    </div>
  );
}
