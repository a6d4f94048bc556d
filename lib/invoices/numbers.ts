import type { Tx } from '@/db/database';
import { nextSequenceValue } from '@/lib/ledger';

/** The counter behind invoice numbers of one (UTC) year, e.g. 'INV/2026'. */
export function invoiceSequenceName(date: Date): string {
  return `INV/${date.getUTCFullYear()}`;
}

/**
 * The next invoice number for `date`: INV/<year>/<5 digits>, sequential per UTC year, from the
 * gapless counter. A step of the write transaction that inserts the invoice, so a rollback takes
 * the number back.
 */
export async function nextInvoiceNumber(tx: Tx, date: Date): Promise<string> {
  const sequence = invoiceSequenceName(date);
  return `${sequence}/${String(await nextSequenceValue(tx, sequence)).padStart(5, '0')}`;
}
