import type { Invoice } from '@/db/schema';

/**
 * What an invoice's status badge says, as a code (words: invoices.status.*): a credit note is a
 * credit note; an invoice its credit notes took back in full is refunded; otherwise how much of it
 * is paid (not_paid, partial, paid).
 */
export type InvoiceStatus = Invoice['paymentState'] | 'refunded' | 'credit_note';

export function invoiceStatus(invoice: Pick<Invoice, 'kind' | 'paymentState' | 'amountTotal' | 'amountCredited'>): InvoiceStatus {
  if (invoice.kind === 'credit_note') return 'credit_note';
  if (invoice.amountCredited > 0 && invoice.amountCredited >= invoice.amountTotal) return 'refunded';
  return invoice.paymentState;
}
