import { z } from 'zod';
import { paymentMethods } from '@/db/schema';
import { isCountryCode } from '@/lib/delivery/countries';
import { idField, wholeNumberField } from './whole-number';
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

/** One line of text a shopper types: trimmed, inner runs of spaces made one, from 1 to `max` characters. */
function textLine(max: number, required: string) {
  return z
    .string({ error: fieldMessage(required) })
    .transform((text) => text.trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1, fieldMessage(required)).max(max, fieldMessage('tooLong', { max })));
}

/**
 * A delivery address typed at checkout (the validation keys are worded from the `delivery`
 * catalogue's `validation` group). The country is an ISO 3166-1 alpha-2 code chosen from a list.
 */
export const deliveryAddressSchema = z.object({
  fullName: textLine(100, 'fullNameRequired'),
  address: textLine(200, 'addressRequired'),
  city: textLine(100, 'cityRequired'),
  // Letters, digits, spaces and dashes (34710, SW1A 1AA, 10115, 100-0001).
  postalCode: textLine(12, 'postalCodeRequired').pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u, fieldMessage('postalCodeInvalid'))),
  country: z.string({ error: fieldMessage('countryRequired') }).trim().toUpperCase().refine(isCountryCode, fieldMessage('countryRequired')),
  // Digits with the usual signs (+90 532 123 45 67, (555) 010-0199): 6 to 20 digits.
  phone: textLine(30, 'phoneRequired').refine(
    (phone) => /^\+?[\d ()./-]+$/.test(phone) && /^(?:\D*\d){6,20}\D*$/.test(phone),
    fieldMessage('phoneInvalid'),
  ),
});

export type DeliveryAddressInput = z.infer<typeof deliveryAddressSchema>;

/**
 * "Pay Now" at checkout. Only choices and two values the page rendered travel: the way of paying,
 * the shipping method and saved address chosen (ids the server looks up again), the attempt key
 * (one order per attempt) and the checkout fingerprint the shopper saw. Totals never do. A new
 * address's fields are read with deliveryAddressSchema when the shipping method delivers.
 */
export const checkoutFormSchema = z.object({
  method: z.enum(paymentMethods, { error: fieldMessage('choosePayment') }),
  checkoutKey: z.uuid(fieldMessage('reload')),
  cartVersion: z.string().min(1).max(64),
  /** Absent when the shop offers no shipping method (the order is picked up). */
  shippingMethodId: idField(fieldMessage('invalid')).optional(),
  /** A saved address's id, or 'new' for the address typed in the form. */
  addressId: z.union([z.literal('new'), idField(fieldMessage('invalid'))]).optional(),
});

/** Paying an order that is waiting for its card payment again (after a cancelled card page). */
export const orderCardPaymentSchema = z.object({
  orderNumber: z.string().regex(/^S\d{5,}$/),
  attemptKey: z.uuid(fieldMessage('reload')),
});

export type CheckoutForm = z.infer<typeof checkoutFormSchema>;
