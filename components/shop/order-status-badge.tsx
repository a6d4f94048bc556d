import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { OrderStatusCode } from '@/lib/checkout/labels';

const tones = {
  pending: 'warning',
  paid: 'success',
  processing: 'info',
  shipped: 'info',
  delivered: 'success',
  cancelled: 'neutral',
  refunded: 'info',
  partially_refunded: 'info',
} as const satisfies Record<OrderStatusCode, string>;

/**
 * THE badge of an order's status, for shoppers and staff alike: lib/checkout/labels
 * orderStatusCode gives the code, statuses.order.<code> the words ("Pending", "Shipped"…).
 */
export function OrderStatusBadge({ status }: { status: OrderStatusCode }) {
  const t = useTranslations('statuses.order');
  return <Badge tone={tones[status]}>{t(status)}</Badge>;
}
