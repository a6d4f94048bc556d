'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDatabase } from '@/db';
import { closePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { findOwnPayment } from '@/lib/payments/records';
import { authorizedAction } from '../../../_server/action';
import { requireViewer } from '../../../_server/session';

const demoPaymentSchema = z.object({ reference: z.string().min(1).max(40) }).loose();

/** Pays an open Demo payment with the card typed into the Demo form. */
export const payDemo = authorizedAction('any', demoPaymentSchema, async (input, viewer, values) => {
  const { cardNumber: _number, cvc: _cvc, ...safeValues } = values;
  const result = await payWithDemoCard(getDatabase(), viewer.id, input.reference, values);
  if (result.status === 'invalid') {
    return { status: 'error', message: 'Please correct the card details.', fieldErrors: result.fieldErrors, values: safeValues };
  }
  if (result.status === 'declined') return { status: 'error', message: result.message, values: safeValues };
  if (result.status === 'refused') {
    return { status: 'error', message: 'The shop does not take card payments at the moment. No money was taken.', values: safeValues };
  }
  // Redirect only to a payment that exists and is the shopper's, never to a path built from the form.
  if (result.status === 'not_open') redirect(result.payment ? `/payments/${result.payment.reference}` : '/my/wallet');
  redirect(`/payments/${result.payment.reference}`);
});

/** Cancels the shopper's own open Demo payment; nothing was charged. */
export async function cancelDemo(formData: FormData): Promise<void> {
  const viewer = await requireViewer();
  const reference = formData.get('reference');
  const db = getDatabase();
  const payment = typeof reference === 'string' ? await findOwnPayment(db.read, viewer.id, reference) : undefined;
  // Only a Demo card payment is cancelled here: a wire top-up's pending credit is staff's to reject.
  if (!payment || payment.provider !== 'demo') redirect('/my/wallet');
  await db.write((tx) => closePayment(tx, payment.id, 'canceled', 'You cancelled this payment.'));
  redirect(`/payments/${payment.reference}`);
}
