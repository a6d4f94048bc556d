import { useTranslations } from 'next-intl';

export default function OrdersLoading() {
  const t = useTranslations('orders.list');
  return (
    <div className="flex animate-pulse flex-col gap-4" aria-busy="true" aria-label={t('loading')}>
      <div className="h-8 w-48 rounded bg-stone-200" />
      <div className="h-64 rounded-lg bg-stone-100" />
    </div>
  );
}
