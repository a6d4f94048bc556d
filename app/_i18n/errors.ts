import type { ErrorParams } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import { intlLocale } from '@/lib/i18n/locales';
import { formatMoney, isCurrencyCode } from '@/lib/money';
import { readFieldMessage } from '@/lib/validations/messages';

/**
 * The words for a code from lib (AppError, a refusal code, a validation key), from the `errors`
 * catalogue: pass a translator of that namespace (getTranslations('errors') / useTranslations('errors')).
 * Money parameters (MONEY_PARAMS, in minor units, with params.currency) are formatted in `locale`.
 */
export type ErrorTranslator = {
  (key: string, values?: Record<string, string | number | Date>): string;
  has(key: string): boolean;
};

/** Parameter names that lib sends as minor units of params.currency. */
export const MONEY_PARAMS = ['amount', 'available', 'due', 'limit', 'min', 'max', 'room'] as const;

function values(params: ErrorParams, locale: Locale): Record<string, string | number> {
  const currency = typeof params.currency === 'string' && isCurrencyCode(params.currency) ? params.currency : undefined;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === null) out[name] = '';
    else if (typeof value === 'boolean') out[name] = String(value);
    else if (currency && typeof value === 'number' && (MONEY_PARAMS as readonly string[]).includes(name) && Number.isSafeInteger(value)) {
      out[name] = formatMoney(value, currency, intlLocale(locale));
    } else out[name] = value;
  }
  return out;
}

/** The message for `code` with its params; errors.UNKNOWN when the catalogue has no such code. */
export function errorText(t: ErrorTranslator, code: string, params: ErrorParams = {}, locale: Locale = 'en'): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(code) || !t.has(code)) return t('UNKNOWN');
  return t(code, values(params, locale));
}

/**
 * A form field's message: a validation key (lib/validations/messages.ts fieldMessage) becomes
 * errors.validation.<key>; any other text becomes errors.validation.invalid.
 */
export function fieldErrorText(t: ErrorTranslator, message: string, locale: Locale = 'en'): string {
  const read = readFieldMessage(message);
  if (!read || !t.has(`validation.${read.key}`)) return t('validation.invalid');
  return t(`validation.${read.key}`, values(read.params, locale));
}
