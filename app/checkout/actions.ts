'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDatabase } from '@/db';
import { paymentMethods } from '@/db/schema';
import { CheckoutError, placeOrder } from '@/lib/checkout';
import type { DeliveryChoice } from '@/lib/checkout/delivery';
import { findShippingMethod } from '@/lib/delivery/shipping-methods';
import { PaymentError } from '@/lib/payments/errors';
import type { FieldErrors } from '@/lib/validations/action-state';
import { checkoutFormSchema, deliveryAddressSchema } from '@/lib/validations/checkout';
import { fieldMessage } from '@/lib/validations/messages';
import { validationMessage } from '../_i18n/server-errors';
import { authorizedAction } from '../_server/action';
import { wordedError, wordedFieldErrors } from './words';

// The checkout form's fields plus Wallet and Card (a choice, not an order's method) and the wallet part it showed.
const payNowSchema = checkoutFormSchema.extend({
  method: z.enum([...paymentMethods, 'wallet_and_card'], { error: fieldMessage('choosePayment') }),
  walletPart: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** The field a refusal belongs beside; other refusals are said above the button. */
const fieldOfCode: Partial<Record<string, string>> = {
  SHIPPING_REQUIRED: 'shippingMethodId',
  SHIPPING_UNAVAILABLE: 'shippingMethodId',
  ADDRESS_REQUIRED: 'addressId',
  ADDRESS_INVALID: 'addressId',
  ADDRESS_NOT_FOUND: 'addressId',
};

/**
 * "Pay Now": places the order from the shopper's server cart (priced again here, never from the
 * form) with the shipping method and address chosen, and sends them on: to the order page, or to
 * the card payment page. A new address is checked here, beside its fields, only when the method
 * delivers; lib checks the whole choice again in the order's transaction. The wallet part of
 * Wallet and Card is only compared with the balance now, never trusted as an amount.
 */
export const payNow = authorizedAction('any', payNowSchema, async (form, viewer, values) => {
  const db = getDatabase();
  const delivery: DeliveryChoice = { shippingMethodId: form.shippingMethodId ?? null };
  const shipping = form.shippingMethodId === undefined ? undefined : await findShippingMethod(db.read, form.shippingMethodId);
  if (shipping?.kind === 'delivery') {
    if (typeof form.addressId === 'number') {
      delivery.address = { savedAddressId: form.addressId };
    } else {
      const address = deliveryAddressSchema.safeParse(values);
      if (!address.success) {
        return {
          status: 'error',
          message: await validationMessage('formInvalid'),
          fieldErrors: await wordedFieldErrors(z.flattenError(address.error).fieldErrors as FieldErrors),
          values,
        };
      }
      delivery.address = { newAddress: address.data };
    }
  }
  let next: string;
  try {
    const { walletPart, shippingMethodId: _shipping, addressId: _address, ...attempt } = form;
    next = (
      await placeOrder(db, { id: viewer.id, email: viewer.email }, { ...attempt, delivery, walletPart: attempt.method === 'wallet_and_card' ? walletPart : undefined })
    ).next;
  } catch (error) {
    if (error instanceof CheckoutError || error instanceof PaymentError) {
      // The page shows the cart and balance as they are now (and a fresh attempt key).
      revalidatePath('/checkout');
      const message = await wordedError(error.code, error.params);
      const field = fieldOfCode[error.code];
      return { status: 'error', message, code: error.code, ...(field ? { fieldErrors: { [field]: [message] } } : {}), values };
    }
    throw error;
  }
  revalidatePath('/', 'layout');
  redirect(next);
});
