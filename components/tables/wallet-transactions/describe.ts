import type { HistoryRow, LedgerDescription, PendingTransfer } from '@/lib/ledger';
import { englishDescription } from '@/lib/ledger/english';

/** A translator of the `ledger` namespace (getTranslations('ledger') / useTranslations('ledger')). */
export type LedgerWords = { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };

/** A ledger description (code + params) in the words of the `ledger` catalogue; English without a translator. */
export function describeTransfer(description: LedgerDescription, t?: LedgerWords): string {
  if (!t) return englishDescription(description);
  const key = `description.${description.code}`;
  return t.has(key) ? t(key, description.params) : String(description.params.text ?? description.code);
}

/**
 * A wallet line's description in words: a hold still pending says what it holds for
 * (ledger.hold.<code>), else the transfer's description (a memo is the staff's reason, which the
 * description already carries).
 * One place for the table, the pending list and the CSV. Pass the `ledger` translator (`t`) for the
 * visitor's language; without it the words are English.
 */
export function describeLine(line: { description: LedgerDescription; memo?: string | null; direction?: HistoryRow['direction'] | PendingTransfer['direction'] }, t?: LedgerWords): string {
  const { code, params } = line.description;
  if (line.direction === 'outgoing' && (code === 'orderWalletPart' || code === 'invoiceWalletPart')) {
    return t ? t(`hold.${code}`, params) : englishDescription(line.description, 'hold');
  }
  return describeTransfer(line.description, t);
}
