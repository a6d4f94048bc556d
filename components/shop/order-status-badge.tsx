import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { OrderStatus } from '@/lib/checkout/labels';

/** An order's status as a code: the key of its words in orders.status.*. */
export type OrderStatusKey = 'paid' | 'pending' | 'canceled' | 'refunded' | 'partially_refunded';

// lib/checkout/labels still names statuses in English words; these are their codes.
const keys: Record<OrderStatus, OrderStatusKey> = {
  Paid: 'paid',
  Pending: 'pending',
  Cancelled: 'canceled',
  Refunded: 'refunded',
  'Partially Refunded': 'partially_refunded',
};

const tones = {
  paid: 'success',
  pending: 'warning',
  canceled: 'danger',
  refunded: 'info',
  partially_refunded: 'info',
} as const satisfies Record<OrderStatusKey, string>;

/** The code of an order status given in lib's English words or already as a code. */
export function orderStatusKey(status: OrderStatus | OrderStatusKey): OrderStatusKey {
  return status in keys ? keys[status as OrderStatus] : (status as OrderStatusKey);
}

/** An order's status as a coloured badge ("Pending" = awaiting payment). */
export function OrderStatusBadge({ status }: { status: OrderStatus | OrderStatusKey }) {
  const t = useTranslations('orders.status');
  const key = orderStatusKey(status);
  return <Badge tone={tones[key]}>{t(key)}</Badge>;
}
