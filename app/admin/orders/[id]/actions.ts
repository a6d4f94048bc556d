'use server';

import { revalidatePath } from 'next/cache';
import { getLocale, getTranslations } from 'next-intl/server';
import { getStaffFormat } from '@/components/admin/format-server';
import { CheckoutError, findOrder, markOrderPaid } from '@/lib/checkout';
import { parseAmount } from '@/lib/money';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { OrderError } from '@/lib/orders/errors';
import { moveOrder } from '@/lib/orders/status';
import { refundOrderToSources } from '@/lib/refunds/to-sources';
import { refundOrderToWallet } from '@/lib/refunds/to-wallet';
import type { ActionState } from '@/lib/validations/action-state';
import { markOrderPaidSchema, refundOrderSchema } from '@/lib/validations/admin';
import { moveOrderSchema, staffCancelOrderSchema } from '@/lib/validations/orders';
import { errorMessage } from '../../../_i18n/server-errors';
import { staffAction } from '../../../_server/action';
import { orderErrorMessage } from '../../../my/orders/order-errors';

/** Mark as Paid: the money of a Wire Transfer or Cash on Delivery order arrived (staff only). */
export const markOrderPaidAction = staffAction.input(markOrderPaidSchema).run(async ({ orderId }, { db, viewer }) => {
  try {
    const outcome = await markOrderPaid(db, orderId, viewer.id);
    revalidatePath('/admin', 'layout');
    const t = await getTranslations('admin.order.messages');
    if (outcome.status === 'already_paid') return { status: 'error', message: t('alreadyPaid', { number: outcome.order.number }) };
    return { status: 'success', message: t('markedPaid', { number: outcome.order.number, reference: outcome.payment.reference }) };
  } catch (error) {
    if (error instanceof CheckoutError) return { status: 'error', message: await errorMessage(error.code, error.params) };
    throw error;
  }
});

/** The refund amount staff typed, in their locale; or the words for why it is refused. */
async function readRefundAmount(text: string, currency: string): Promise<{ ok: true; amount: number } | { ok: false; state: ActionState }> {
  const amount = parseAmount(text, currency, await getLocale());
  if (amount.ok) return amount;
  const t = await getTranslations('admin.amount');
  return { ok: false, state: { status: 'error', message: t('correct'), fieldErrors: { amount: [await errorMessage(amount.code, amount.params)] } } };
}

/** The refusals common to both refunds, worded; undefined for an outcome of their own. */
async function refundRefusal(
  result: { status: string; refundable?: number; currency?: string },
  orderNumber: string,
  values: Record<string, string>,
): Promise<ActionState | undefined> {
  const [t, amount, format] = await Promise.all([getTranslations('admin.order.messages'), getTranslations('admin.amount'), getStaffFormat()]);
  switch (result.status) {
    case 'exceeds_refundable': {
      const refundable = format.money(result.refundable ?? 0, result.currency ?? '');
      return {
        status: 'error',
        message: t('exceeds', { refundable, number: orderNumber }),
        fieldErrors: { amount: [t('exceedsField', { refundable })] },
        values,
      };
    }
    case 'not_paid':
      return { status: 'error', message: t('notPaid', { number: orderNumber }), values };
    case 'invalid_amount':
      return { status: 'error', message: amount('correct'), fieldErrors: { amount: [amount('positive')] }, values };
    case 'not_found':
      return { status: 'error', message: t('notFound'), values };
  }
  return undefined;
}

/** Refund to Wallet: all or part of a paid order, never more than what is refundable (staff only). */
export const refundOrderAction = staffAction.input(refundOrderSchema).run(async (input, { db, viewer, values }) => {
  const t = await getTranslations('admin.order.messages');
  const order = await findOrder(db.read, input.orderId);
  if (!order) return { status: 'error', message: t('notFound'), values };
  const amount = await readRefundAmount(input.amount, order.currency);
  if (!amount.ok) return { ...amount.state, values };
  const result = await refundOrderToWallet(db, { ...input, amount: amount.amount, staffId: viewer.id });
  if (result.status !== 'refunded') return (await refundRefusal(result, order.number, values)) ?? { status: 'error', message: t('notFound'), values };
  revalidatePath('/admin', 'layout');
  const format = await getStaffFormat();
  const words = { amount: format.money(result.transfer.amount, result.transfer.currency), number: order.number, reference: result.transfer.reference };
  return { status: 'success', message: t(result.replayed ? 'alreadyRefundedToWallet' : 'refundedToWallet', words) };
});

const refusalCodes = ['refund_failed', 'refund_canceled', 'no_payment_intent', 'payment_missing', 'provider_cannot_refund'] as const;

/**
 * Refund to original payment methods: the card part back to the card (its provider refunds it),
 * the rest to the customer's wallet; never more than what is refundable (staff only).
 */
export const refundOrderToSourcesAction = staffAction.input(refundOrderSchema).run(async (input, { db, viewer, values }) => {
  const t = await getTranslations('admin.order.messages');
  const order = await findOrder(db.read, input.orderId);
  if (!order) return { status: 'error', message: t('notFound'), values };
  const amount = await readRefundAmount(input.amount, order.currency);
  if (!amount.ok) return { ...amount.state, values };
  const result = await refundOrderToSources(db, { ...input, amount: amount.amount, staffId: viewer.id });
  if (result.status !== 'refunded') return (await refundRefusal(result, order.number, values)) ?? { status: 'error', message: t('notFound'), values };

  revalidatePath('/admin', 'layout');
  const format = await getStaffFormat();
  const money = (minor: number) => format.money(minor, order.currency);
  const sumOf = (state: 'posted' | 'pending') => result.cards.filter(({ transfer }) => transfer.state === state).reduce((sum, { transfer }) => sum + transfer.amount, 0);
  const toCard = sumOf('posted');
  const atProvider = sumOf('pending');
  const refused = result.cards.filter(({ transfer }) => transfer.state === 'voided');
  const toWallet = result.wallet?.amount ?? 0;
  const parts = [
    ...(toCard > 0 ? [t('toCard', { amount: money(toCard) })] : []),
    ...(atProvider > 0 ? [t('toCardPending', { amount: money(atProvider) })] : []),
    ...(toWallet > 0 ? [t('toWallet', { amount: money(toWallet) })] : []),
  ];
  const done =
    parts.length > 0
      ? t(result.replayed ? 'alreadyRefundedToSources' : 'refundedToSources', {
          parts: parts.reduce((first, second) => t('and', { first, second })),
          number: order.number,
        })
      : '';
  if (refused.length > 0) {
    const code = refused.map((part) => part.refusal).find(Boolean);
    const known = refusalCodes.find((known) => known === code);
    const why = known ? t(`refusals.${known}`) : code ? t('refusals.unknown', { code }) : t('refusals.none');
    const failed = money(refused.reduce((sum, { transfer }) => sum + transfer.amount, 0));
    return { status: 'error', message: `${done} ${t('cardRefused', { amount: failed, why })}`.trim(), values };
  }
  return { status: 'success', message: done };
});

/**
 * "Start processing", "Mark as shipped" (with an optional tracking number), "Mark as delivered":
 * moves the order one step forward, audited, once per attempt key (staff only).
 */
export const moveOrderAction = staffAction.input(moveOrderSchema).run(async (input, { db, viewer, values }) => {
  try {
    const outcome = await moveOrder(db, { ...input, staffId: viewer.id });
    revalidatePath('/admin', 'layout');
    revalidatePath('/my/orders', 'layout');
    const t = await getTranslations('fulfilment.order');
    if (outcome.status === 'already') return { status: 'success', message: t('already', { number: outcome.order.number }) };
    return { status: 'success', message: t('moved', { number: outcome.order.number, to: input.to }) };
  } catch (error) {
    if (error instanceof OrderError) return { status: 'error', message: await orderErrorMessage(error), code: error.code, values };
    throw error;
  }
});

/**
 * "Cancel order" (staff, any order not yet shipped): holds released, payments closed, stock
 * returned, and what was paid refunded to where it came from, exactly once (lib/orders/cancel-order).
 */
export const cancelOrderAction = staffAction.input(staffCancelOrderSchema).run(async (input, { db, viewer, values }) => {
  let result: Awaited<ReturnType<typeof cancelOrder>>;
  try {
    result = await cancelOrder(db, input.orderId, { kind: 'staff', userId: viewer.id, reason: input.reason, attemptKey: input.attemptKey });
  } catch (error) {
    if (error instanceof OrderError) return { status: 'error', message: await orderErrorMessage(error), code: error.code, values };
    throw error;
  }
  revalidatePath('/admin', 'layout');
  revalidatePath('/my/orders', 'layout');
  const [t, format] = await Promise.all([getTranslations('fulfilment.cancel'), getStaffFormat()]);
  const { order, refund } = result;
  if (result.status === 'already_canceled') return { status: 'success', message: t('already', { number: order.number }) };
  const money = (minor: number) => format.money(minor, order.currency);
  const sumOf = (state: 'posted' | 'pending') => refund.cards.filter(({ transfer }) => transfer.state === state).reduce((sum, { transfer }) => sum + transfer.amount, 0);
  const toWallet = refund.toWallet + refund.refusedToWallet;
  const parts = [
    ...(sumOf('posted') > 0 ? [t('toCard', { amount: money(sumOf('posted')) })] : []),
    ...(sumOf('pending') > 0 ? [t('toCardPending', { amount: money(sumOf('pending')) })] : []),
    ...(toWallet > 0 ? [t('toWallet', { amount: money(toWallet) })] : []),
  ];
  if (parts.length === 0) return { status: 'success', message: t('done', { number: order.number }) };
  return { status: 'success', message: t('doneRefunded', { number: order.number, parts: parts.reduce((first, second) => t('and', { first, second })) }) };
});
