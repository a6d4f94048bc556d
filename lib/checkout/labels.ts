import type { Order, PaymentMethod } from '@/db/schema';

/** How a way of paying is called in the shop. */
export const paymentMethodLabels: Record<PaymentMethod, string> = {
  wallet: 'Wallet',
  card: 'Card',
  wire_transfer: 'Wire Transfer',
  cash_on_delivery: 'Cash on Delivery',
};

export type OrderStatus = 'Paid' | 'Pending' | 'Cancelled' | 'Refunded' | 'Partially Refunded';

/** An order's status as shoppers and staff read it ("Pending" means awaiting payment). */
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
