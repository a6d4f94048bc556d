import { z } from 'zod';
import { paymentMethods } from '@/db/schema';
import { wholeNumberField } from './whole-number';
import { fieldMessage } from './messages';

const productId = wholeNumberField({ min: 1, max: 999_999_999, message: fieldMessage('chooseProduct') });

/** A quantity typed by a shopper: a whole number from 1 to 99. */
export const quantitySchema = wholeNumberField({ min: 1, max: 99, message: fieldMessage('cartQuantity') });

/** "Add to Cart" on a product page: which product and how many (never a price). */
export const addToCartSchema = z.object({ productId, quantity: quantitySchema });

/** A new quantity for a cart line. */
export const cartQuantitySchema = z.object({ productId, quantity: quantitySchema });

/** Removing a cart line. */
export const removeCartLineSchema = z.object({ productId });

/**
 * "Pay Now" at checkout. Only the way of paying and two values the page rendered travel: the
 * attempt key (one order per attempt) and the cart fingerprint the shopper saw. Totals never do.
 */
export const checkoutFormSchema = z.object({
  method: z.enum(paymentMethods, { error: fieldMessage('choosePayment') }),
  checkoutKey: z.uuid(fieldMessage('reload')),
  cartVersion: z.string().min(1).max(64),
});

/** Paying an order that is waiting for its card payment again (after a cancelled card page). */
export const orderCardPaymentSchema = z.object({
  orderNumber: z.string().regex(/^S\d{5,}$/),
  attemptKey: z.uuid(fieldMessage('reload')),
});

export type CheckoutForm = z.infer<typeof checkoutFormSchema>;
