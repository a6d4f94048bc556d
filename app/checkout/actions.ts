'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { CheckoutError, placeOrder } from '@/lib/checkout';
import { PaymentError } from '@/lib/payments/errors';
import { checkoutFormSchema } from '@/lib/validations/checkout';
import { authorizedAction } from '../_server/action';

/**
 * "Pay Now": places the order from the shopper's server cart (priced again here, never from the
 * form) and sends them on: to the order page, or to the card payment page.
 */
export const payNow = authorizedAction('any', checkoutFormSchema, async (form, viewer, values) => {
  let next: string;
  try {
    next = (await placeOrder({ id: viewer.id, email: viewer.email }, form)).next;
  } catch (error) {
    if (error instanceof CheckoutError || error instanceof PaymentError) {
      // The page shows the cart and balance as they are now (and a fresh attempt key).
      revalidatePath('/checkout');
      return { status: 'error', message: error.message, values };
    }
    throw error;
  }
  revalidatePath('/', 'layout');
  redirect(next);
});
