import { z } from 'zod';
import { paymentMethods } from '@/db/schema';
import { attemptKeySchema, reasonSchema } from './admin';
import { fieldMessage } from './messages';
import { idField } from './whole-number';

/** The forms of the order lifecycle: staff moving and cancelling orders, shoppers cancelling and switching. */

const orderNumber = z.string().regex(/^S\d{5,}$/, fieldMessage('itemNotFound'));

/** "Start processing", "Mark as shipped" (with an optional tracking number), "Mark as delivered" on the staff order page. */
export const moveOrderSchema = z.object({
  orderId: idField(),
  to: z.enum(['processing', 'shipped', 'delivered'], { error: fieldMessage('invalid') }),
  trackingNumber: z
    .string()
    .trim()
    .max(100, fieldMessage('tooLong', { max: 100 }))
    .optional(),
  attemptKey: attemptKeySchema,
});

/** Bulk "Mark as shipped" on the staff order list: the selected order ids, comma-separated. */
export const shipOrdersSchema = z.object({
  orderIds: z
    .string()
    .trim()
    .regex(/^\d{1,15}(,\d{1,15}){0,199}$/, fieldMessage('invalid'))
    .transform((text) => [...new Set(text.split(',').map(Number))]),
  attemptKey: attemptKeySchema,
});

/** "Cancel order" on the staff order page: the reason the refund shows the customer. */
export const staffCancelOrderSchema = z.object({
  orderId: idField(),
  reason: reasonSchema,
  attemptKey: attemptKeySchema,
});

/** "Cancel order" on the shopper's own order page. */
export const cancelOwnOrderSchema = z.object({ orderNumber });

/** "Pay another way" on the shopper's own order page. */
export const switchPaymentSchema = z.object({
  orderNumber,
  method: z.enum(paymentMethods, { error: fieldMessage('choosePayment') }),
  attemptKey: attemptKeySchema,
});
