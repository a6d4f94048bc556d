'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { CheckoutError, findOwnOrder, orderPath, payOrderByCard } from '@/lib/checkout';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { OrderError } from '@/lib/orders/errors';
import { switchOrderPayment } from '@/lib/orders/switch-payment';
import { PaymentError } from '@/lib/payments/errors';
import { orderCardPaymentSchema } from '@/lib/validations/checkout';
import { cancelOwnOrderSchema, switchPaymentSchema } from '@/lib/validations/orders';
import { authorizedAction, shopperAction } from '../../../_server/action';
import { errorMessage } from '../../../_i18n/server-errors';
import { orderErrorMessage } from '../order-errors';

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

/**
 * "Cancel order" on the shopper's own order that is not yet paid: the payment is closed, holds
 * released, the stock returned (lib/orders/cancel-order). Someone else's order is "not found".
 */
export const cancelOwnOrderAction = shopperAction.input(cancelOwnOrderSchema).run(async ({ orderNumber }, { db, viewer, values }) => {
  try {
    const order = await findOwnOrder(db.read, viewer.id, orderNumber);
    if (!order) throw new OrderError('NOT_FOUND', { subject: 'order' });
    const result = await cancelOrder(db, order.id, { kind: 'shopper', userId: viewer.id });
    revalidatePath(orderPath(order.number));
    revalidatePath('/my/orders');
    return { status: 'success', message: (await getTranslations('orders.cancel'))('done', { number: result.order.number }) };
  } catch (error) {
    if (error instanceof OrderError) return { status: 'error', message: await orderErrorMessage(error), code: error.code, values };
    throw error;
  }
});

/**
 * "Pay another way" on the shopper's own order still waiting for its payment: the old payment is
 * closed (holds released) and the new way opened, once per attempt key; Card goes on to the card
 * page, the others stay on the order page.
 */
export const switchPaymentAction = shopperAction.input(switchPaymentSchema).run(async (input, { db, viewer, values }) => {
  let next: string;
  try {
    const outcome = await switchOrderPayment(db, { id: viewer.id, email: viewer.email }, input);
    revalidatePath(orderPath(outcome.order.number));
    revalidatePath('/my/orders');
    next = outcome.next;
  } catch (error) {
    if (error instanceof OrderError) return { status: 'error', message: await orderErrorMessage(error), code: error.code, values };
    if (error instanceof CheckoutError || error instanceof PaymentError) {
      return { status: 'error', message: await errorMessage(error.code, error.params), code: error.code, values };
    }
    throw error;
  }
  redirect(next);
});
