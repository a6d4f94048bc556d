import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ErrorParams } from '@/lib/errors';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import type { FieldErrors } from '@/lib/validations/action-state';
import { errorText, fieldErrorText, type ErrorTranslator } from './errors';

/** The `errors` translator and the visitor's locale, for server actions and pages. */
export async function errorWords(): Promise<{ t: ErrorTranslator; locale: Locale }> {
  const [t, locale] = await Promise.all([getTranslations('errors'), getLocale()]);
  return { t, locale: isLocale(locale) ? locale : 'en' };
}

/** The visitor's words for an error code from lib (see errorText). */
export async function errorMessage(code: string, params: ErrorParams = {}): Promise<string> {
  const { t, locale } = await errorWords();
  return errorText(t, code, params, locale);
}

/** Field errors holding validation keys (or codes), in the visitor's words. */
export async function fieldErrorsText(fieldErrors: FieldErrors): Promise<FieldErrors> {
  const { t, locale } = await errorWords();
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, messages]) => [field, messages?.map((message) => fieldErrorText(t, message, locale))]),
  );
}
