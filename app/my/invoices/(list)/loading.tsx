import { useTranslations } from 'next-intl';

export default function InvoicesLoading() {
  const t = useTranslations('invoices.list');
  return (
    <div className="flex animate-pulse flex-col gap-4" aria-busy="true" aria-label={t('loading')}>
      <div className="h-8 w-40 rounded bg-stone-200" />
      <div className="h-64 rounded-lg bg-stone-100" />
    </div>
  );
}
