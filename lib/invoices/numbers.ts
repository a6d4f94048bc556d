import type { Tx } from '@/db/database';
import type { InvoiceKind } from '@/db/schema';
import { nextSequenceValue } from '@/lib/ledger';

/** Invoices are INV/<year>/…, credit notes RINV/<year>/…: a number series of their own each. */
const prefixes: Record<InvoiceKind, string> = { invoice: 'INV', credit_note: 'RINV' };

/** The counter behind the numbers of one kind and one (UTC) year, e.g. 'INV/2026' or 'RINV/2026'. */
export function invoiceSequenceName(date: Date, kind: InvoiceKind = 'invoice'): string {
  return `${prefixes[kind]}/${date.getUTCFullYear()}`;
}

/**
 * The next number for `date`: INV/<year>/<5 digits> (or RINV/… for a credit note), sequential
 * per kind and UTC year, from the gapless counter. A step of the write transaction that inserts
 * the document, so a rollback takes the number back.
 */
export async function nextInvoiceNumber(tx: Tx, date: Date, kind: InvoiceKind = 'invoice'): Promise<string> {
  const sequence = invoiceSequenceName(date, kind);
  return `${sequence}/${String(await nextSequenceValue(tx, sequence)).padStart(5, '0')}`;
}
