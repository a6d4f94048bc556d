'use server';

import { redirect } from 'next/navigation';
import { InvoiceError } from '@/lib/invoices/errors';
import { startInvoiceCardPayment } from '@/lib/invoices/pay-card';
import { payInvoiceFromWallet } from '@/lib/invoices/pay-wallet';
import { PaymentError } from '@/lib/payments/errors';
import { payInvoiceFormSchema } from '@/lib/validations/invoices';
import { authorizedAction } from '../../../_server/action';

/** Pay Now on an invoice: from the wallet (all that is due, or what it holds now) or by card. */
export const payInvoice = authorizedAction('any', payInvoiceFormSchema, async (form, viewer, values) => {
  let destination: string;
  try {
    if (form.method === 'card') {
      destination = (await startInvoiceCardPayment(viewer, form.invoiceId, { attemptKey: form.attemptKey })).url;
    } else {
      const paid = payInvoiceFromWallet(viewer.id, form.invoiceId, {
        amount: form.method === 'wallet_available' ? 'available' : undefined,
        attemptKey: form.attemptKey,
      });
      destination = `/my/invoices/${form.invoiceId}?paid=${paid.payment.reference}`;
    }
  } catch (error) {
    if (error instanceof InvoiceError) {
      if (error.code === 'NOT_FOUND') return { status: 'error', message: error.message };
      return { status: 'error', message: error.message, fieldErrors: { method: [error.message] }, values };
    }
    if (error instanceof PaymentError) return { status: 'error', message: error.message, values };
    throw error;
  }
  redirect(destination);
});
