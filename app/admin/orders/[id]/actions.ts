'use server';

import { revalidatePath } from 'next/cache';
import { CheckoutError, findOrder, markOrderPaid } from '@/lib/checkout';
import { formatMoney, parseAmount } from '@/lib/money';
import { refundOrderToWallet } from '@/lib/refunds/to-wallet';
import { markOrderPaidSchema, refundOrderSchema } from '@/lib/validations/admin';
import { authorizedAction } from '../../../_server/action';

/** Mark as Paid: the money of a Wire Transfer or Cash on Delivery order arrived (staff only). */
export const markOrderPaidAction = authorizedAction('staff', markOrderPaidSchema, async ({ orderId }, viewer) => {
  try {
    const outcome = markOrderPaid(orderId, viewer.id);
    revalidatePath('/admin', 'layout');
    if (outcome.status === 'already_paid') return { status: 'error', message: `Order ${outcome.order.number} was already paid.` };
    return { status: 'success', message: `Order ${outcome.order.number} is marked as paid (${outcome.payment.reference}).` };
  } catch (error) {
    if (error instanceof CheckoutError) return { status: 'error', message: error.message };
    throw error;
  }
});

/** Refund to Wallet: all or part of a paid order, never more than what is refundable (staff only). */
export const refundOrderAction = authorizedAction('staff', refundOrderSchema, async (input, viewer, values) => {
  const order = findOrder(input.orderId);
  if (!order) return { status: 'error', message: 'This order does not exist.', values };
  const amount = parseAmount(input.amount, order.currency);
  if (!amount.ok) return { status: 'error', message: 'Please correct the amount.', fieldErrors: { amount: [amount.message] }, values };
  const result = refundOrderToWallet({ ...input, amount: amount.amount, staffId: viewer.id });
  switch (result.status) {
    case 'refunded': {
      revalidatePath('/admin', 'layout');
      const refunded = formatMoney(result.transfer.amount, result.transfer.currency);
      const prefix = result.replayed ? 'Already done: refunded' : 'Refunded';
      return { status: 'success', message: `${prefix} ${refunded} of order ${order.number} to the customer's wallet (${result.transfer.reference}).` };
    }
    case 'exceeds_refundable': {
      const refundable = formatMoney(result.refundable, result.currency);
      return {
        status: 'error',
        message: `Refund refused: at most ${refundable} of order ${order.number} can still be refunded.`,
        fieldErrors: { amount: [`At most ${refundable} can be refunded.`] },
        values,
      };
    }
    case 'not_paid':
      return { status: 'error', message: `Order ${order.number} is not paid, so there is nothing to refund.`, values };
    case 'invalid_amount':
      return { status: 'error', message: 'Please correct the amount.', fieldErrors: { amount: ['Enter an amount greater than zero.'] }, values };
    case 'not_found':
      return { status: 'error', message: 'This order does not exist.', values };
  }
});
