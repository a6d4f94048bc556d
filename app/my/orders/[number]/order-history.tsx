import { useFormatter, useTranslations } from 'next-intl';
import type { OrderHistoryEntry } from '@/lib/orders/views';

/** An order's status changes with their dates and tracking numbers, oldest first (shopper's words). */
export function OrderHistory({ entries }: { entries: OrderHistoryEntry[] }) {
  const t = useTranslations('orders.history');
  const format = useFormatter();
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="order-history-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id="order-history-heading" className="mb-3 text-lg font-medium">
        {t('heading')}
      </h2>
      <ol className="flex flex-col gap-3 border-l-2 border-stone-200 pl-4 text-sm" data-testid="order-history">
        {entries.map((entry) => (
          <li key={entry.id} className="flex flex-col">
            <span className="font-medium">{t('event', { to: entry.to })}</span>
            <time dateTime={entry.at.toISOString()} className="text-stone-500">
              {format.dateTime(entry.at, { dateStyle: 'medium', timeStyle: 'short' })}
            </time>
            {entry.trackingNumber ? <span>{t('tracking', { tracking: entry.trackingNumber })}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
