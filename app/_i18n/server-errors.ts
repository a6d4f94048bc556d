import 'server-only';
import { createTranslator } from 'next-intl';
import type { ErrorParams } from '@/lib/errors';
import { shopLocale, type Locale } from '@/lib/i18n/locales';
import type { ActionState, FieldErrors } from '@/lib/validations/action-state';
import { readCodeMessage, readFieldMessage } from '@/lib/validations/messages';
import { errorText, fieldErrorText, type ErrorTranslator } from './errors';
import { loadMessages } from './messages';
import { requestLocale } from './request';

/** The visitor's locale; outside a request (tests, scripts, jobs) the shop's. */
async function visitorLocale(): Promise<Locale> {
  try {
    return await requestLocale();
  } catch {
    return shopLocale();
  }
}

/**
 * The `errors` translator and the visitor's locale, for server actions and pages. Built from the
 * catalogues directly (createTranslator), so it also works where next-intl's request config does
 * not run (actions called from tests).
 */
export async function errorWords(locale?: Locale): Promise<{ t: ErrorTranslator; locale: Locale }> {
  const chosen = locale ?? (await visitorLocale());
  const translate = createTranslator({ locale: chosen, messages: await loadMessages(chosen) });
  // The catalogue is loaded at run time, so its keys are plain strings here (errorText checks them with has).
  const t: ErrorTranslator = Object.assign((key: string, values?: Record<string, string | number | Date>) => translate(`errors.${key}` as never, values as never), {
    has: (key: string) => translate.has(`errors.${key}` as never),
    raw: (key: string): unknown => translate.raw(`errors.${key}` as never),
  });
  return { t, locale: chosen };
}

/** The visitor's words for an error code from lib (see errorText). */
export async function errorMessage(code: string, params: ErrorParams = {}, locale?: Locale): Promise<string> {
  const words = await errorWords(locale);
  return errorText(words.t, code, params, words.locale);
}

/** Field errors holding validation keys (or codes), in the visitor's words. */
export async function fieldErrorsText(fieldErrors: FieldErrors, locale?: Locale): Promise<FieldErrors> {
  const words = await errorWords(locale);
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, messages]) => [field, messages?.map((message) => fieldErrorText(words.t, message, words.locale))]),
  );
}

/** errors.validation.<key> in the visitor's words (form-level messages such as formInvalid). */
export async function validationMessage(key: string, locale?: Locale): Promise<string> {
  const words = await errorWords(locale);
  return words.t.has(`validation.${key}`) ? words.t(`validation.${key}`) : words.t('validation.invalid');
}

/**
 * An action's answer with the field messages that lib returned as codes or validation keys put
 * into the visitor's words; words already chosen by the page are left as they are.
 */
export async function translatedState<Success extends object>(state: ActionState<Success>, locale?: Locale): Promise<ActionState<Success>> {
  if (state.status !== 'error' || !state.fieldErrors) return state;
  const coded = (message: string) => readCodeMessage(message) !== undefined || readFieldMessage(message) !== undefined;
  if (!Object.values(state.fieldErrors).some((messages) => messages?.some(coded))) return state;
  const words = await errorWords(locale);
  const fieldErrors = Object.fromEntries(
    Object.entries(state.fieldErrors).map(([field, messages]) => [
      field,
      messages?.map((message) => (coded(message) ? fieldErrorText(words.t, message, words.locale) : message)),
    ]),
  );
  return { ...state, fieldErrors };
}
