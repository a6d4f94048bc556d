'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getStaffFormat } from '@/components/admin/format-server';
import { cancelApmPayment, completeApmPayment } from '@/lib/apm-payments';
import { attemptKeySchema } from '@/lib/validations/admin';
import { idField } from '@/lib/validations/whole-number';
import { staffAction } from '../../_server/action';

const apiPaymentDecisionSchema = z.object({
  intent: z.enum(['complete', 'cancel']),
  paymentId: idField(),
  attemptKey: attemptKeySchema,
});

/**
 * Orders → Payments through the API: mark a waiting fund transfer or cash on delivery payment paid
 * (its money arrived: bank_clearing → sales) or cancel it. Staff only, audited in lib, exactly once
 * however many staff click at once: the others are told what was decided first.
 */
export const decideApiPaymentAction = staffAction.input(apiPaymentDecisionSchema).run(async (input, { db, viewer, values }) => {
  const decide = input.intent === 'complete' ? completeApmPayment : cancelApmPayment;
  const decision = await decide(db, { paymentId: input.paymentId, staffId: viewer.id, attemptKey: input.attemptKey });
  revalidatePath('/admin/orders');
  const [t, format] = await Promise.all([getTranslations('admin.orders.apiPayments.outcome'), getStaffFormat()]);
  if (decision.status === 'not_found') return { status: 'error', message: t('not_found'), values };
  const { payment } = decision;
  const message = t(decision.status, { reference: payment.reference, amount: format.money(payment.amount, payment.currency) });
  return decision.status === 'completed' || decision.status === 'canceled' ? { status: 'success', message } : { status: 'error', message, values };
});
