import { Badge } from '@/components/ui/badge';
import type { OrderStatus } from '@/lib/checkout/labels';

const tones = {
  Paid: 'success',
  Pending: 'warning',
  Cancelled: 'danger',
  Refunded: 'info',
  'Partially Refunded': 'info',
} as const satisfies Record<OrderStatus, string>;

/** An order's status as a coloured badge ("Pending" = awaiting payment). */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge tone={tones[status]}>{status}</Badge>;
}
