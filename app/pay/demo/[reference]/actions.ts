'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { closePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { findOwnPayment } from '@/lib/payments/records';
import { authorizedAction } from '../../../_server/action';
import { requireViewer } from '../../../_server/session';

const demoPaymentSchema = z.object({ reference: z.string().min(1).max(40) }).loose();

/** Pays an open Demo payment with the card typed into the Demo form. */
export const payDemo = authorizedAction('any', demoPaymentSchema, async (input, viewer, values) => {
  const { cardNumber: _number, cvc: _cvc, ...safeValues } = values;
  const result = payWithDemoCard(viewer.id, input.reference, values);
  if (result.status === 'invalid') {
    return { status: 'error', message: 'Please correct the card details.', fieldErrors: result.fieldErrors, values: safeValues };
  }
  if (result.status === 'declined') return { status: 'error', message: result.message, values: safeValues };
  redirect(`/payments/${input.reference}`);
});

/** Cancels the shopper's own open Demo payment; nothing was charged. */
export async function cancelDemo(formData: FormData): Promise<void> {
  const viewer = await requireViewer();
  const reference = formData.get('reference');
  const payment = typeof reference === 'string' ? findOwnPayment(viewer.id, reference) : undefined;
  if (!payment) redirect('/my/wallet');
  closePayment(payment.id, 'canceled', 'You cancelled this payment.');
  redirect(`/payments/${payment.reference}`);
}
