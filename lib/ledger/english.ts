import { createTranslator } from 'next-intl';
import ledger from '@/messages/en/ledger.json';
import type { LedgerDescription } from './descriptions';

// English words of a ledger description, for the merchant API (which keeps its own texts) and for
// callers that have no translator at hand. Pages pass the `ledger` translator instead.
const english = createTranslator({ locale: 'en', messages: { ledger } });

/** The description's English words (group 'hold' for a pending hold: "Held for order …"). */
export function englishDescription({ code, params }: LedgerDescription, group: 'description' | 'hold' = 'description'): string {
  const key = `ledger.${group}.${code}`;
  return english.has(key as never) ? english(key as never, params as never) : String(params.text ?? code);
}
