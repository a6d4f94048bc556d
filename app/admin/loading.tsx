import { useTranslations } from 'next-intl';

export default function AdminLoading() {
  const t = useTranslations('admin');
  return (
    <div role="status" aria-label={t('loading')} className="flex animate-pulse flex-col gap-4">
      <div className="h-8 w-48 rounded bg-stone-200" />
      <div className="h-24 rounded-xl bg-stone-200" />
      <div className="h-64 rounded-xl bg-stone-200" />
    </div>
  );
}
