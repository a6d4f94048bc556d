import { z } from 'zod';
import { idField } from './whole-number';
import { fieldMessage } from './messages';

/** Ways a shopper may pay an invoice on its page: the whole amount due from the wallet, what the wallet holds now, or by card. */
export const invoicePayMethods = ['wallet', 'wallet_available', 'card'] as const;
export type InvoicePayMethod = (typeof invoicePayMethods)[number];

/** The Pay Now form as the browser sends it; amounts are never taken from it (the server reads the invoice). */
export const payInvoiceFormSchema = z.object({
  invoiceId: idField(fieldMessage('invoiceNotFound')),
  method: z.enum(invoicePayMethods, { error: fieldMessage('choosePayment') }),
  attemptKey: z.uuid(fieldMessage('reload')),
});

export type PayInvoiceForm = z.infer<typeof payInvoiceFormSchema>;
