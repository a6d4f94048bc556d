'use server';

import { redirect } from 'next/navigation';
import { getDatabase } from '@/db';
import { CheckoutError, payOrderByCard } from '@/lib/checkout';
import { PaymentError } from '@/lib/payments/errors';
import { orderCardPaymentSchema } from '@/lib/validations/checkout';
import { authorizedAction } from '../../../_server/action';
import { errorMessage } from '../../../_i18n/server-errors';

/** Pays the shopper's own order that still waits for its card payment (after a cancelled card page). */
export const payOrderCardAgain = authorizedAction('any', orderCardPaymentSchema, async (form, viewer, values) => {
  let next: string;
  try {
    next = await payOrderByCard(getDatabase(), { id: viewer.id, email: viewer.email }, form.orderNumber, form.attemptKey);
  } catch (error) {
    if (error instanceof CheckoutError || error instanceof PaymentError) {
      return { status: 'error', message: await errorMessage(error.code, error.params), code: error.code, values };
    }
    throw error;
  }
  redirect(next);
});
