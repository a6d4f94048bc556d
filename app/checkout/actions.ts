'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDatabase } from '@/db';
import { CheckoutError, placeOrder } from '@/lib/checkout';
import { PaymentError } from '@/lib/payments/errors';
import { z } from 'zod';
import { paymentMethods } from '@/db/schema';
import { checkoutFormSchema } from '@/lib/validations/checkout';
import { fieldMessage } from '@/lib/validations/messages';
import { errorMessage } from '../_i18n/server-errors';
import { authorizedAction } from '../_server/action';

// The checkout form's fields plus Wallet and Card (a choice, not an order's method) and the wallet part it showed.
const payNowSchema = checkoutFormSchema.extend({
  method: z.enum([...paymentMethods, 'wallet_and_card'], { error: fieldMessage('choosePayment') }),
  walletPart: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

/**
 * "Pay Now": places the order from the shopper's server cart (priced again here, never from the
 * form) and sends them on: to the order page, or to the card payment page. The wallet part of
 * Wallet and Card is only compared with the balance now, never trusted as an amount.
 */
export const payNow = authorizedAction('any', payNowSchema, async (form, viewer, values) => {
  let next: string;
  try {
    const { walletPart, ...attempt } = form;
    next = (await placeOrder(getDatabase(), { id: viewer.id, email: viewer.email }, { ...attempt, walletPart: attempt.method === 'wallet_and_card' ? walletPart : undefined })).next;
  } catch (error) {
    if (error instanceof CheckoutError || error instanceof PaymentError) {
      // The page shows the cart and balance as they are now (and a fresh attempt key).
      revalidatePath('/checkout');
      return { status: 'error', message: await errorMessage(error.code, error.params), code: error.code, values };
    }
    throw error;
  }
  revalidatePath('/', 'layout');
  redirect(next);
});
