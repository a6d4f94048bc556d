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
  raw(key: string): unknown;
};

/**
 * Every argument the message names gets a value, so a code thrown without some params still reads
 * well: a missing select falls to its `other` branch, a missing plural to 0, a missing text to ''.
 */
function withDefaults(message: unknown, given: Record<string, string | number>): Record<string, string | number> {
  if (typeof message !== 'string') return given;
  const filled = { ...given };
  for (const match of message.matchAll(/\{\s*([A-Za-z_]\w*)\s*(?:,\s*(select|plural|selectordinal|number)\s*)?[,}]/g)) {
    const [, name, kind] = match;
    if (!name || name in filled) continue;
    filled[name] = kind === 'select' ? 'other' : kind === 'plural' || kind === 'selectordinal' || kind === 'number' ? 0 : '';
  }
  return filled;
}

export { MONEY_PARAMS };

function values(params: ErrorParams, locale: Locale): Record<string, string | number> {
  return errorValues(params, intlLocale(locale));
}

/** The message for `code` with its params; errors.UNKNOWN when the catalogue has no such code. */
export function errorText(t: ErrorTranslator, code: string, params: ErrorParams = {}, locale: Locale = 'en'): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(code) || !t.has(code)) return t('UNKNOWN');
  return t(code, withDefaults(t.raw(code), values(params, locale)));
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
  return t(`validation.${read.key}`, withDefaults(t.raw(`validation.${read.key}`), values(read.params, locale)));
}
