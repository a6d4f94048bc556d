import { eq } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { payments, type Payment } from '@/db/schema';
import { checkAttemptKey, invoicePaymentKey } from '@/lib/checkout/keys';
import { cardPaymentDestination } from '@/lib/checkout/wallet-and-card';
import { cardProvider } from '@/lib/payments/providers';
import { createPaymentRecord } from '@/lib/payments/records';
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
  db: Database,
  user: { id: number; email: string },
  invoiceId: number,
  options: { attemptKey: string },
): Promise<InvoiceCardStart> {
  const attemptKey = checkAttemptKey(options.attemptKey);
  if (!(await isPaymentMethodEnabled(db.read, 'card'))) {
    throw new InvoiceError('METHOD_DISABLED', 'The shop does not take card payments at the moment.', { method: 'card' });
  }
  const idempotencyKey = invoicePaymentKey(invoiceId, user.id, 'card', attemptKey);
  const payment = await db.write(async (tx) => {
    const [earlier] = await tx.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey));
    if (earlier) return earlier;
    const invoice = await ownInvoiceOrThrow(tx, user.id, invoiceId);
    if (invoice.amountResidual === 0) throw new InvoiceError('ALREADY_PAID', `Invoice ${invoice.number} is already paid.`, { number: invoice.number });
    const { payment } = await createPaymentRecord(tx, {
      userId: user.id,
      purpose: 'invoice',
      provider: cardProvider(),
      amount: invoice.amountResidual,
      currency: invoice.currency,
      invoiceId: invoice.id,
      idempotencyKey,
      returnPath: `/my/invoices/${invoice.id}`,
    });
    return payment;
  });
  return { url: await cardPaymentDestination(db, payment, user.email), payment };
}
