'use server';

import { redirect } from 'next/navigation';
import { getDatabase } from '@/db';
import { CheckoutError } from '@/lib/checkout/errors';
import { InvoiceError } from '@/lib/invoices/errors';
import { startInvoiceCardPayment } from '@/lib/invoices/pay-card';
import { payInvoiceFromWallet } from '@/lib/invoices/pay-wallet';
import { PaymentError } from '@/lib/payments/errors';
import { z } from 'zod';
import { startInvoiceSplitPayment } from '@/lib/invoices/pay-split';
import { invoicePayMethods, payInvoiceFormSchema } from '@/lib/validations/invoices';
import { fieldMessage } from '@/lib/validations/messages';
import { errorMessage } from '../../../_i18n/server-errors';
import { authorizedAction } from '../../../_server/action';

// The Pay Now fields plus Wallet and Card and the wallet part the page showed (compared, never trusted).
const payNowSchema = payInvoiceFormSchema.extend({
  method: z.enum([...invoicePayMethods, 'wallet_and_card'], { error: fieldMessage('choosePayment') }),
  walletPart: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});

/** Pay Now on an invoice: from the wallet (all that is due, or what it holds now), by card, or Wallet and Card. */
export const payInvoice = authorizedAction('any', payNowSchema, async (form, viewer, values) => {
  let destination: string;
  const db = getDatabase();
  try {
    if (form.method === 'wallet_and_card') {
      const started = await startInvoiceSplitPayment(db, viewer, form.invoiceId, { attemptKey: form.attemptKey, walletPart: form.walletPart });
      destination = started.url;
    } else if (form.method === 'card') {
      destination = (await startInvoiceCardPayment(db, viewer, form.invoiceId, { attemptKey: form.attemptKey })).url;
    } else {
      const paid = await payInvoiceFromWallet(db, viewer.id, form.invoiceId, {
        amount: form.method === 'wallet_available' ? 'available' : undefined,
        attemptKey: form.attemptKey,
      });
      destination = `/my/invoices/${form.invoiceId}?paid=${paid.payment.reference}`;
    }
  } catch (error) {
    // Wallet and Card and the attempt-key check speak CheckoutError, as at checkout.
    if (error instanceof InvoiceError || error instanceof CheckoutError) {
      // NOT_FOUND here is about the invoice unless lib says otherwise (its params name the subject).
      const message = await errorMessage(error.code, { subject: error instanceof InvoiceError ? 'invoice' : 'other', ...error.params });
      if (error.code === 'NOT_FOUND') return { status: 'error', message };
      return { status: 'error', message, fieldErrors: { method: [message] }, values };
    }
    if (error instanceof PaymentError) return { status: 'error', message: await errorMessage(error.code, error.params), values };
    throw error;
  }
  redirect(destination);
});
