import { createTranslator } from 'next-intl';
import errors from '@/messages/en/errors.json';
import payments from '@/messages/en/payments.json';
import type { PaymentFailure } from '@/lib/payments/failures';
import { storedDescription } from '@/lib/ledger/descriptions';
import { englishDescription } from '@/lib/ledger/english';
import { errorValues } from '@/lib/i18n/error-values';
import { readCodeMessage, readFieldMessage } from '@/lib/validations/messages';

// The merchant API keeps its own English texts (its clients expect them): a validation key or an
// error code from lib becomes the English catalogue's words, whatever the shop's language.
const english = createTranslator({ locale: 'en', messages: { errors, payments } });

function words(key: string, params: Record<string, string | number | boolean | null>): string | undefined {
  return english.has(key as never) ? english(key as never, errorValues(params, 'en-US') as never) : undefined;
}

/** The English words of a field message made by fieldMessage or codeMessage; other text is returned unchanged. */
export function englishFieldMessage(message: string): string {
  const coded = readCodeMessage(message);
  if (coded) return words(`errors.${coded.code}`, coded.params) ?? message;
  const read = readFieldMessage(message);
  return (read && words(`errors.validation.${read.key}`, read.params)) ?? message;
}

/** A transfer's description (its stored code and params) in the English words of the `ledger` catalogue. */
export function englishTransferDescription(transfer: { descriptionCode: string; descriptionParams: string }): string {
  return englishDescription(storedDescription(transfer.descriptionCode, transfer.descriptionParams));
}

/** Why a payment failed, in the English words of the `payments.failure` catalogue. */
export function englishPaymentFailure(failure: PaymentFailure): string {
  return words(`payments.failure.${failure.code}`, failure.params ?? {}) ?? failure.code;
}
