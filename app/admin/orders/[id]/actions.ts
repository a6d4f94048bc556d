'use server';

import { revalidatePath } from 'next/cache';
import { CheckoutError, findOrder, markOrderPaid } from '@/lib/checkout';
import { formatMoney, parseAmount } from '@/lib/money';
import { refundOrderToSources } from '@/lib/refunds/to-sources';
import { refundOrderToWallet } from '@/lib/refunds/to-wallet';
import { markOrderPaidSchema, refundOrderSchema } from '@/lib/validations/admin';
import { staffAction } from '../../../_server/action';

/** Mark as Paid: the money of a Wire Transfer or Cash on Delivery order arrived (staff only). */
export const markOrderPaidAction = staffAction.input(markOrderPaidSchema).run(async ({ orderId }, { db, viewer }) => {
  try {
    const outcome = await markOrderPaid(db, orderId, viewer.id);
    revalidatePath('/admin', 'layout');
    if (outcome.status === 'already_paid') return { status: 'error', message: `Order ${outcome.order.number} was already paid.` };
    return { status: 'success', message: `Order ${outcome.order.number} is marked as paid (${outcome.payment.reference}).` };
  } catch (error) {
    if (error instanceof CheckoutError) return { status: 'error', message: error.message };
    throw error;
  }
});

/** Refund to Wallet: all or part of a paid order, never more than what is refundable (staff only). */
export const refundOrderAction = staffAction.input(refundOrderSchema).run(async (input, { db, viewer, values }) => {
  const order = await findOrder(db.read, input.orderId);
  if (!order) return { status: 'error', message: 'This order does not exist.', values };
  const amount = parseAmount(input.amount, order.currency);
  if (!amount.ok) return { status: 'error', message: 'Please correct the amount.', fieldErrors: { amount: [amount.message] }, values };
  const result = await refundOrderToWallet(db, { ...input, amount: amount.amount, staffId: viewer.id });
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

const refusals: Record<string, string> = {
  refund_failed: 'the card network could not complete it.',
  refund_canceled: 'the card network canceled it.',
  no_payment_intent: 'Stripe has no payment for this order.',
  payment_missing: 'the card payment is gone.',
  provider_cannot_refund: 'this payment cannot go back to a card.',
};

/** Words for a refusal code from the card provider (lib keeps codes; unknown codes are shown as is). */
function refusalWords(code: string | undefined): string {
  if (!code) return 'the card provider refused it.';
  return refusals[code] ?? `the card provider refused it (${code}).`;
}

/**
 * Refund to original payment methods: the card part back to the card (its provider refunds it),
 * the rest to the customer's wallet; never more than what is refundable (staff only).
 */
export const refundOrderToSourcesAction = staffAction.input(refundOrderSchema).run(async (input, { db, viewer, values }) => {
  const order = await findOrder(db.read, input.orderId);
  if (!order) return { status: 'error', message: 'This order does not exist.', values };
  const amount = parseAmount(input.amount, order.currency);
  if (!amount.ok) return { status: 'error', message: 'Please correct the amount.', fieldErrors: { amount: [amount.message] }, values };
  const result = await refundOrderToSources(db, { ...input, amount: amount.amount, staffId: viewer.id });
  switch (result.status) {
    case 'refunded': {
      revalidatePath('/admin', 'layout');
      const money = (minor: number) => formatMoney(minor, order.currency);
      const sumOf = (state: 'posted' | 'pending') => result.cards.filter(({ transfer }) => transfer.state === state).reduce((sum, { transfer }) => sum + transfer.amount, 0);
      const toCard = sumOf('posted');
      const atProvider = sumOf('pending');
      const refused = result.cards.filter(({ transfer }) => transfer.state === 'voided');
      const toWallet = result.wallet?.amount ?? 0;
      const parts = [
        ...(toCard > 0 ? [`${money(toCard)} to the card`] : []),
        ...(atProvider > 0 ? [`${money(atProvider)} to the card (waiting for the card network)`] : []),
        ...(toWallet > 0 ? [`${money(toWallet)} to the customer's wallet`] : []),
      ];
      const done = parts.length > 0 ? `${result.replayed ? 'Already done: refunded' : 'Refunded'} ${parts.join(' and ')} for order ${order.number}.` : '';
      if (refused.length > 0) {
        const why = refusalWords(refused.map((part) => part.refusal).find(Boolean));
        const failed = money(refused.reduce((sum, { transfer }) => sum + transfer.amount, 0));
        return { status: 'error', message: `${done} The card refund of ${failed} was refused: ${why} Nothing of it was refunded.`.trim(), values };
      }
      return { status: 'success', message: done };
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
