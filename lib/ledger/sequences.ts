import { sqlite } from '@/db/client';
import { statements } from './statements';

/**
 * The next value (1, 2, 3, …) of a named gapless counter, e.g. 'WT/2026' for transfer
 * references, 'INV/2026' for invoice numbers. Call it only inside the write transaction that
 * uses the value: a rollback then takes the number back, so no number is skipped or reused.
 */
export function nextSequenceValue(name: string): number {
  if (!sqlite.inTransaction) {
    throw new Error(`nextSequenceValue("${name}") must run inside a write transaction.`);
  }
  const value = statements().nextSequenceValue.get(name);
  if (value === undefined) throw new Error(`Sequence "${name}" returned nothing.`);
  return value;
}

/** The human reference of a transfer: WT/<year>/<6-digit number>, numbered per UTC year. */
export function nextTransferReference(now: number): string {
  const year = new Date(now).getUTCFullYear();
  return `WT/${year}/${String(nextSequenceValue(`WT/${year}`)).padStart(6, '0')}`;
}
