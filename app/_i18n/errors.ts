import type { ErrorParams } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import { intlLocale } from '@/lib/i18n/locales';
import { errorValues, MONEY_PARAMS } from '@/lib/i18n/error-values';
import { readCodeMessage, readFieldMessage } from '@/lib/validations/messages';

/**
 * The words for a code from lib (AppError, a refusal code, a validation key), from the `errors`
 * catalogue: pass a translator of that namespace (getTranslations('errors') / useTranslations('errors')).
 * Money parameters (MONEY_PARAMS, in minor units, with params.currency) are formatted in `locale`.
 */
export type ErrorTranslator = {
  (key: string, values?: Record<string, string | number | Date>): string;
  has(key: string): boolean;
};

export { MONEY_PARAMS };

function values(params: ErrorParams, locale: Locale): Record<string, string | number> {
  return errorValues(params, intlLocale(locale));
}

/** The message for `code` with its params; errors.UNKNOWN when the catalogue has no such code. */
export function errorText(t: ErrorTranslator, code: string, params: ErrorParams = {}, locale: Locale = 'en'): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(code) || !t.has(code)) return t('UNKNOWN');
  return t(code, values(params, locale));
}

/**
 * A form field's message: a validation key (lib/validations/messages.ts fieldMessage) becomes
 * errors.validation.<key>, an error code (codeMessage) errors.<CODE>; any other text becomes
 * errors.validation.invalid.
 */
export function fieldErrorText(t: ErrorTranslator, message: string, locale: Locale = 'en'): string {
  const coded = readCodeMessage(message);
  if (coded) return errorText(t, coded.code, coded.params, locale);
  const read = readFieldMessage(message);
  if (!read || !t.has(`validation.${read.key}`)) return t('validation.invalid');
  return t(`validation.${read.key}`, values(read.params, locale));
}
