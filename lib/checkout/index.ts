// Checkout and orders: placing an order from the cart, paying it, and settling it later.
export { CheckoutError, type CheckoutErrorCode } from './errors';
export { orderPath, orderStatus, paymentMethodLabels, type OrderStatus } from './labels';
export { deliverOrderPayment, markOrderPaid, type MarkOrderPaidOutcome } from './order-payments';
export { findOrder, findOwnOrder, listOrderPayments } from './orders';
export {
  INSUFFICIENT_FUNDS_MESSAGE,
  payOrderByCard,
  payOrderFromWallet,
  placeOrder,
  type CheckoutAttempt,
  type PlacedOrder,
} from './place-order';
