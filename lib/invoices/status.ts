import type { InvoicePaymentState } from '@/db/schema';

/** The words the shop uses for an invoice's payment state. */
export const invoiceStatusLabels: Record<InvoicePaymentState, string> = {
  not_paid: 'Not Paid',
  partial: 'Partially Paid',
  paid: 'Paid',
};
