import 'server-only';
import type { FieldErrors } from '@/lib/validations/action-state';
import { readCodeMessage, readFieldMessage } from '@/lib/validations/messages';
import { fieldErrorsText } from '../../../_i18n/server-errors';

/**
 * Field errors from lib in the visitor's words: validation keys and error codes are translated; a
 * message lib still words itself (until it becomes a key) is kept as it is rather than lost.
 */
export async function fieldErrorWords(fieldErrors: FieldErrors): Promise<FieldErrors> {
  const keyed = await fieldErrorsText(fieldErrors);
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, messages]) => [
      field,
      messages?.map((message, index) => (readFieldMessage(message) || readCodeMessage(message) ? (keyed[field]?.[index] ?? message) : message)),
    ]),
  );
}
