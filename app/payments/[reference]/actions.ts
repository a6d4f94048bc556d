'use server';

import { redirect } from 'next/navigation';
import { getDatabase } from '@/db';
import { providerFor } from '@/lib/payments/providers';
import { findOwnPayment } from '@/lib/payments/records';
import { cancelCheckoutSession } from '@/lib/payments/stripe';
import { requireViewer } from '../../_server/session';

async function ownStripePayment(formData: FormData) {
  const viewer = await requireViewer();
  const reference = formData.get('reference');
  const payment = typeof reference === 'string' ? await findOwnPayment(getDatabase().read, viewer.id, reference) : undefined;
  // Someone else's reference is unknown here: back to the wallet, nothing touched.
  if (!payment) redirect('/my/wallet');
  return payment;
}

/**
 * "Check now" on a card payment's page: asks the provider (Stripe re-fetches the session, never
 * trusting the browser) and applies its answer exactly as the webhook would. A POST: it may move money.
 */
export async function confirmCardPayment(formData: FormData): Promise<void> {
  const payment = await ownStripePayment(formData);
  if (payment.state === 'pending' && payment.provider === 'stripe') {
    try {
      await providerFor(payment.provider).confirm(getDatabase(), payment);
    } catch {
      // Stripe unreachable: the page keeps showing "waiting"; the webhook or the job settles it.
    }
  }
  redirect(`/payments/${payment.reference}`);
}

/**
 * The shopper chose to cancel after leaving Stripe's page. Stripe decides: a paid session
 * completes the payment; an open one is expired at Stripe first and only then closed (releasing a
 * split payment's wallet hold). Only a Stripe payment is cancelled here.
 */
export async function cancelCardPayment(formData: FormData): Promise<void> {
  const payment = await ownStripePayment(formData);
  if (payment.provider === 'stripe' && payment.state === 'pending') {
    try {
      await cancelCheckoutSession(getDatabase(), payment);
    } catch {
      // Stripe could not say: nothing is closed on a guess.
    }
  }
  redirect(`/payments/${payment.reference}`);
}
