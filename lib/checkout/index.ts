// Checkout and orders: placing an order from the cart, paying it, and settling it later.
export { CheckoutError, type CheckoutErrorCode } from './errors';
export { checkAttemptKey, invoicePaymentKey, orderPaymentKey, paymentTransferKey } from './keys';
export { orderPath, orderStatusCode, type OrderStatusCode } from './labels';
export { deliverOrderPayment, markOrderPaid, type MarkOrderPaidOutcome } from './order-payments';
export { findOrder, findOwnOrder, listOrderPayments } from './orders';
export {
  BALANCE_CHANGED_MESSAGE,
  INSUFFICIENT_FUNDS_MESSAGE,
  payOrderByCard,
  payOrderFromWallet,
  placeOrder,
  type CheckoutAttempt,
  type CheckoutChoice,
  type PlacedOrder,
} from './place-order';
export { cardPaymentDestination, openWalletAndCard, type WalletAndCardStart, type WalletAndCardTarget } from './wallet-and-card';
export { type DeliveryChoice } from './delivery';
export { orderTotals, type OrderTotals } from './pricing';
