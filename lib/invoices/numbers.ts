import { nextSequenceValue } from '@/lib/ledger';

/** The counter behind invoice numbers of one (UTC) year, e.g. 'INV/2026'. */
export function invoiceSequenceName(date: Date): string {
  return `INV/${date.getUTCFullYear()}`;
}

/**
 * The next invoice number for `date`: INV/<year>/<5 digits>, sequential per UTC year. Call it only
 * inside the write transaction that inserts the invoice, so a rollback takes the number back.
 */
export function nextInvoiceNumber(date: Date): string {
  const sequence = invoiceSequenceName(date);
  return `${sequence}/${String(nextSequenceValue(sequence)).padStart(5, '0')}`;
}
