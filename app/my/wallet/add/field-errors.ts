import 'server-only';
import type { FieldErrors } from '@/lib/validations/action-state';
import { readFieldMessage } from '@/lib/validations/messages';
import { fieldErrorsText } from '../../../_i18n/server-errors';

/**
 * Field errors from lib in the visitor's words: validation keys are translated; a message lib
 * still words itself (top-up limits, card checks, until they become keys) is kept as it is.
 */
export async function fieldErrorWords(fieldErrors: FieldErrors): Promise<FieldErrors> {
  const keyed = await fieldErrorsText(fieldErrors);
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, messages]) => [
      field,
      messages?.map((message, index) => (readFieldMessage(message) ? (keyed[field]?.[index] ?? message) : message)),
    ]),
  );
}
