import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { payments, type Payment } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { paymentPagePath } from '@/lib/payments/paths';
import { createPaymentRecord } from '@/lib/payments/records';
import { createCheckoutSession } from '@/lib/payments/stripe';
import { stripeEnabled } from '@/lib/payments/stripe-client';
import { isPaymentMethodEnabled } from '@/lib/settings';
import { InvoiceError } from './errors';
import { ownInvoiceOrThrow } from './pay-wallet';

export type InvoiceCardStart = { url: string; payment: Payment };

/**
 * Starts paying the amount due of a shopper's own invoice by card, like a card top-up: a
 * payments row (purpose invoice) completed on the Demo card page or Stripe Checkout, then
 * delivered by completePayment. One attempt key starts one payment; a finished one shows its outcome.
 */
export async function startInvoiceCardPayment(
  user: { id: number; email: string },
  invoiceId: number,
  options: { attemptKey: string },
): Promise<InvoiceCardStart> {
  if (typeof options.attemptKey !== 'string' || options.attemptKey.trim() === '' || options.attemptKey.length > 100) {
    throw new InvoiceError('INVALID_AMOUNT', 'Reload the page and try again.');
  }
  if (!isPaymentMethodEnabled('card')) {
    throw new InvoiceError('METHOD_DISABLED', 'The shop does not take card payments at the moment.');
  }
  const provider = stripeEnabled() ? 'stripe' : 'demo';
  const idempotencyKey = `invoice:${invoiceId}:card:${user.id}:${options.attemptKey}`;
  const payment = writeTransaction(() => {
    const earlier = db.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey)).get();
    if (earlier) return earlier;
    const invoice = ownInvoiceOrThrow(user.id, invoiceId);
    if (invoice.amountResidual === 0) throw new InvoiceError('ALREADY_PAID', `Invoice ${invoice.number} is already paid.`);
    return createPaymentRecord({
      userId: user.id,
      purpose: 'invoice',
      provider,
      amount: invoice.amountResidual,
      currency: invoice.currency,
      invoiceId: invoice.id,
      idempotencyKey,
      returnPath: `/my/invoices/${invoice.id}`,
    }).payment;
  });
  if (payment.state !== 'pending' || payment.provider === 'demo') return { url: paymentPagePath(payment), payment };
  return { url: await createCheckoutSession(payment, user.email), payment };
}
