'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDatabase } from '@/db';
import { closePayment } from '@/lib/payments/complete';
import { payWithDemoCard } from '@/lib/payments/demo';
import { findOwnPayment } from '@/lib/payments/records';
import { errorMessage } from '../../../_i18n/server-errors';
import { authorizedAction } from '../../../_server/action';
import { requireViewer } from '../../../_server/session';
import { fieldErrorWords } from '../../../my/wallet/add/field-errors';

const demoPaymentSchema = z.object({ reference: z.string().min(1).max(40) }).loose();

/** Pays an open Demo payment with the card typed into the Demo form. */
export const payDemo = authorizedAction('any', demoPaymentSchema, async (input, viewer, values) => {
  const { cardNumber: _number, cvc: _cvc, ...safeValues } = values;
  const result = await payWithDemoCard(getDatabase(), viewer.id, input.reference, values);
  if (result.status === 'invalid') {
    const t = await getTranslations('payments.demo');
    return { status: 'error', message: t('correctCard'), fieldErrors: await fieldErrorWords(result.fieldErrors), values: safeValues };
  }
  // The Demo provider declines one way only (its test card 4000 0000 0000 0002).
  if (result.status === 'declined') return { status: 'error', message: await errorMessage('CARD_DECLINED'), values: safeValues };
  if (result.status === 'refused') {
    const t = await getTranslations('payments.demo');
    return { status: 'error', message: t('refused'), values: safeValues };
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
  await db.write((tx) => closePayment(tx, payment.id, 'canceled', { code: 'shopperCancelled' }));
  redirect(`/payments/${payment.reference}`);
}
