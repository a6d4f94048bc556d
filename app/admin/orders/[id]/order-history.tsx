import { useTranslations } from 'next-intl';
import { useStaffFormat } from '@/components/admin/format';
import { OrderStatusBadge } from '@/components/shop/order-status-badge';
import { stateStatusCode } from '@/lib/checkout/labels';
import type { OrderHistoryEntry } from '@/lib/orders/views';

/** The status changes of one order for staff: when, to what, by whom, with the tracking number. */
export function OrderHistory({ entries }: { entries: OrderHistoryEntry[] }) {
  const t = useTranslations('fulfilment.history');
  const format = useStaffFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t('caption')}</caption>
        <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('when')}
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('status')}
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('by')}
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('tracking')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {entries.length === 0 ? (
            <tr>
              <td colSpan={4} className="px-4 py-6 text-center text-stone-500">
                {t('empty')}
              </td>
            </tr>
          ) : (
            entries.map((entry) => (
              <tr key={entry.id}>
                <td className="px-4 py-3">
                  <time dateTime={entry.at.toISOString()}>{format.dateTime(entry.at)}</time>
                </td>
                <td className="px-4 py-3">
                  <OrderStatusBadge status={stateStatusCode(entry.to)} />
                </td>
                <td className="px-4 py-3">{entry.by === 'staff' ? entry.actorName : entry.by === 'customer' ? t('byCustomer') : t('byShop')}</td>
                <td className="px-4 py-3 font-mono text-xs">{entry.trackingNumber ?? '—'}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
