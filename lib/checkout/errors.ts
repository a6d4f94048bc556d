import { AppError, type ErrorParams } from '@/lib/errors';

/**
 * Why an order could not be placed or paid, or a Wallet and Card payment (of an order or an
 * invoice: lib/checkout/wallet-and-card.ts) could not start; messages are written for the shopper (or staff):
 * - EMPTY_CART: nothing (on sale) in the cart.
 * - CART_CHANGED: the cart or its prices changed after the checkout page was shown.
 * - INSUFFICIENT_FUNDS: the wallet cannot pay the order; nothing was created.
 * - BALANCE_CHANGED: Wallet and Card: the wallet balance changed after the page was shown.
 * - WALLET_COVERS: Wallet and Card: the wallet covers the whole amount; pay with the wallet alone.
 * - INVALID_KEY: the attempt key sent with the form is missing or malformed (reload the page).
 * - METHOD_DISABLED: the shop does not offer that way of paying now.
 * - KEY_CONFLICT: the checkout attempt key belongs to someone else's order.
 * - NOT_FOUND: no such order (or not the shopper's own).
 * - INVALID_STATE: the order or payment is not in a state that allows this.
 * - AMOUNT_MISMATCH: a payment does not match the order it pays.
 * - FORBIDDEN: only staff may do this.
 * - OUT_OF_STOCK: a tracked product has fewer units than the cart asks for ({ productId, name, left }); the cart is kept.
 * - SHIPPING_REQUIRED: the shop offers shipping methods and none was chosen.
 * - SHIPPING_UNAVAILABLE: the chosen shipping method is not (or no longer) offered.
 * - ADDRESS_REQUIRED: a delivery method needs an address and none was given.
 * - ADDRESS_INVALID: the new address is not a valid address (the form says why beside each field).
 * - ADDRESS_NOT_FOUND: the saved address chosen is not the shopper's (or no longer exists).
 */
export type CheckoutErrorCode =
  | 'EMPTY_CART'
  | 'CART_CHANGED'
  | 'INSUFFICIENT_FUNDS'
  | 'BALANCE_CHANGED'
  | 'WALLET_COVERS'
  | 'INVALID_KEY'
  | 'METHOD_DISABLED'
  | 'KEY_CONFLICT'
  | 'NOT_FOUND'
  | 'INVALID_STATE'
  | 'AMOUNT_MISMATCH'
  | 'FORBIDDEN'
  | 'OUT_OF_STOCK'
  | 'SHIPPING_REQUIRED'
  | 'SHIPPING_UNAVAILABLE'
  | 'ADDRESS_REQUIRED'
  | 'ADDRESS_INVALID'
  | 'ADDRESS_NOT_FOUND';

/** An expected checkout failure; nothing was created or changed when it is thrown. */
export class CheckoutError extends AppError<CheckoutErrorCode> {
  constructor(code: CheckoutErrorCode, message: string, params: ErrorParams = {}) {
    super(code, params, message);
    this.name = 'CheckoutError';
  }
}
