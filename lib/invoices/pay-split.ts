import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { payments, type Payment } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { getBalance, InsufficientFundsError } from '@/lib/ledger';
import { closePayment } from '@/lib/payments/complete';
import { PaymentError } from '@/lib/payments/errors';
import { paymentPagePath } from '@/lib/payments/paths';
import { createPaymentRecord } from '@/lib/payments/records';
import { holdWalletPart } from '@/lib/payments/split';
import { createCheckoutSession } from '@/lib/payments/stripe';
import { stripeEnabled } from '@/lib/payments/stripe-client';
import { isPaymentMethodEnabled } from '@/lib/settings';
import { InvoiceError } from './errors';
import { ownInvoiceOrThrow } from './pay-wallet';

export type InvoiceSplitStart = { url: string; hold: Payment; cardPart: Payment };

export const INVOICE_BALANCE_CHANGED_MESSAGE = 'Your wallet balance changed since this page was shown. Please check the amounts and pay again.';

/**
 * Wallet and Card for a shopper's own invoice, in ONE write transaction: holds the wallet's
 * available balance for the invoice (a pending ledger debit, an authorized wallet payment) and
 * records the card payment for the rest of the amount due; then opens the card page. When the
 * card part completes the hold is posted and the invoice paid (settleInvoiceCardPayment); when it
 * does not, the hold is released. `walletPart` is what the shopper saw: a changed balance is refused.
 */
export async function startInvoiceSplitPayment(
  user: { id: number; email: string },
  invoiceId: number,
  options: { attemptKey: string; walletPart?: number },
): Promise<InvoiceSplitStart> {
  if (typeof options.attemptKey !== 'string' || options.attemptKey.trim() === '' || options.attemptKey.length > 100) {
    throw new InvoiceError('INVALID_AMOUNT', 'Reload the page and try again.');
  }
  if (!isPaymentMethodEnabled('wallet', 'card')) {
    throw new InvoiceError('METHOD_DISABLED', 'The shop does not take Wallet and Card payments at the moment.');
  }
  const key = `invoice:${invoiceId}:split:${user.id}:${options.attemptKey}`;
  const { hold, cardPart } = writeTransaction(() => {
    const earlierCard = db.select().from(payments).where(eq(payments.idempotencyKey, `${key}:card`)).get();
    const earlierHold = db.select().from(payments).where(eq(payments.idempotencyKey, `${key}:wallet`)).get();
    if (earlierCard && earlierHold) return { hold: earlierHold, cardPart: earlierCard };
    const invoice = ownInvoiceOrThrow(user.id, invoiceId);
    if (invoice.amountResidual === 0) throw new InvoiceError('ALREADY_PAID', `Invoice ${invoice.number} is already paid.`);
    const available = getBalance({ wallet: user.id, currency: invoice.currency }).available;
    const walletPart = Math.min(Math.max(available, 0), invoice.amountResidual);
    if (options.walletPart !== undefined && options.walletPart !== walletPart) {
      throw new InvoiceError('INSUFFICIENT_FUNDS', INVOICE_BALANCE_CHANGED_MESSAGE);
    }
    if (walletPart <= 0) throw new InvoiceError('INSUFFICIENT_FUNDS', 'Your wallet is empty. Please choose another way to pay.');
    if (walletPart >= invoice.amountResidual) {
      throw new InvoiceError('INVALID_AMOUNT', 'Your wallet covers this invoice: choose Wallet to pay it in full.');
    }
    let held: Payment;
    try {
      held = holdWalletPart({
        userId: user.id,
        amount: walletPart,
        currency: invoice.currency,
        target: { invoiceId: invoice.id },
        label: `invoice ${invoice.number}`,
        idempotencyKey: `${key}:wallet`,
      });
    } catch (error) {
      if (error instanceof InsufficientFundsError) throw new InvoiceError('INSUFFICIENT_FUNDS', INVOICE_BALANCE_CHANGED_MESSAGE);
      throw error;
    }
    const { payment } = createPaymentRecord({
      userId: user.id,
      purpose: 'invoice',
      provider: stripeEnabled() ? 'stripe' : 'demo',
      amount: invoice.amountResidual - walletPart,
      currency: invoice.currency,
      invoiceId: invoice.id,
      idempotencyKey: `${key}:card`,
      returnPath: `/my/invoices/${invoice.id}`,
    });
    return { hold: held, cardPart: payment };
  });
  if (cardPart.state !== 'pending' || cardPart.provider === 'demo') return { url: paymentPagePath(cardPart), hold, cardPart };
  try {
    return { url: await createCheckoutSession(cardPart, user.email), hold, cardPart };
  } catch (error) {
    // Stripe could not open its page: close the card part, which releases the hold now.
    if (error instanceof PaymentError) closePayment(cardPart.id, 'error', 'Card payments were unavailable.');
    throw error;
  }
}
