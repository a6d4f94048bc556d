import { paymentMethods, type Order, type OrderState, type PaymentMethod } from '@/db/schema';

/**
 * How an order is paid as shoppers and staff read it, the ONE label map of ways of paying (words:
 * statuses.paymentMethod.<code>, in every language): the order's method, or 'wallet_and_card' for a
 * card order with a wallet part.
 */
export const paymentChoices = [...paymentMethods, 'wallet_and_card'] as const;
export type PaymentChoice = (typeof paymentChoices)[number];

/** The way of paying an order shows: 'wallet_and_card' for a card order with a wallet part (a wallet payment held or done), else its method. */
export function paymentChoiceOf(order: Pick<Order, 'paymentMethod'>, hasWalletPart: boolean): PaymentChoice {
  return order.paymentMethod === 'card' && hasWalletPart ? 'wallet_and_card' : order.paymentMethod;
}

/**
 * An order's status as a code, the ONE label map of order statuses (words: the `statuses`
 * catalogue, statuses.order.<code>; the badge is components/shop/order-status-badge.tsx).
 * 'pending' is "Pending": placed and awaiting its payment (state confirmed).
 */
export const orderStatusCodes = ['pending', 'paid', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded', 'partially_refunded'] as const;
export type OrderStatusCode = (typeof orderStatusCodes)[number];

/**
 * An order's status as shoppers and staff read it: its state, except that a refund shows where it
 * exists: fully refunded reads "Refunded" (whatever became of the goods), a partial refund of a paid
 * order not yet on its way reads "Partially Refunded".
 */
export function orderStatusCode(order: Pick<Order, 'state' | 'amountTotal' | 'amountRefunded'>): OrderStatusCode {
  if (order.state === 'canceled' || order.state === 'confirmed') return stateStatusCode(order.state);
  if (order.amountRefunded > 0 && order.amountRefunded >= order.amountTotal) return 'refunded';
  if (order.amountRefunded > 0 && order.state === 'paid') return 'partially_refunded';
  return stateStatusCode(order.state);
}

/** The status code of a state alone, refunds aside (an entry of the order's history, the list's filter). */
export function stateStatusCode(state: OrderState): OrderStatusCode {
  if (state === 'canceled') return 'cancelled';
  if (state === 'confirmed') return 'pending';
  return state;
}

/** The page of one order in My Account. */
export function orderPath(orderNumber: string): string {
  return `/my/orders/${orderNumber}`;
}
