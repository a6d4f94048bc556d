import type { Order, PaymentMethod } from '@/db/schema';

/** How a way of paying is called in the shop. */
export const paymentMethodLabels: Record<PaymentMethod, string> = {
  wallet: 'Wallet',
  card: 'Card',
  wire_transfer: 'Wire Transfer',
  cash_on_delivery: 'Cash on Delivery',
};

/** An order's status as a code (words: the `statuses` catalogue, statuses.order.<code>). */
export type OrderStatusCode = 'pending' | 'paid' | 'cancelled' | 'refunded' | 'partially_refunded';

/** An order's status as shoppers and staff read it ("pending" means awaiting payment). */
export function orderStatusCode(order: Pick<Order, 'state' | 'amountTotal' | 'amountRefunded'>): OrderStatusCode {
  if (order.state === 'canceled') return 'cancelled';
  if (order.state === 'confirmed') return 'pending';
  if (order.amountRefunded > 0) return order.amountRefunded >= order.amountTotal ? 'refunded' : 'partially_refunded';
  return 'paid';
}

/** @deprecated English words until every page uses orderStatusCode with statuses.order.<code>. */
export type OrderStatus = 'Paid' | 'Pending' | 'Cancelled' | 'Refunded' | 'Partially Refunded';

/** @deprecated English words: use orderStatusCode and statuses.order.<code>. */
export function orderStatus(order: Pick<Order, 'state' | 'amountTotal' | 'amountRefunded'>): OrderStatus {
  if (order.state === 'canceled') return 'Cancelled';
  if (order.state === 'confirmed') return 'Pending';
  if (order.amountRefunded > 0) return order.amountRefunded >= order.amountTotal ? 'Refunded' : 'Partially Refunded';
  return 'Paid';
}

/** The page of one order in My Account. */
export function orderPath(orderNumber: string): string {
  return `/my/orders/${orderNumber}`;
}
