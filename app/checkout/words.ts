import 'server-only';
import { createTranslator } from 'next-intl';
import { getLocale } from 'next-intl/server';
import type { ErrorParams } from '@/lib/errors';
import { isLocale, shopLocale, type Locale } from '@/lib/i18n/locales';
import type { FieldErrors } from '@/lib/validations/action-state';
import { readCodeMessage, readFieldMessage } from '@/lib/validations/messages';
import { errorText, fieldErrorText, type ErrorTranslator } from '../_i18n/errors';
import { loadMessages } from '../_i18n/messages';
import { errorMessage } from '../_i18n/server-errors';

/**
 * Words for the codes and validation keys of checkout, delivery and tax settings, which live in
 * the `checkout` (errors) and `delivery` (errors, validation) catalogues rather than in `errors`:
 * the same rules as app/_i18n (money params formatted, select defaults), another catalogue.
 * Anything these catalogues do not know is left to the `errors` catalogue.
 */

type Words = { locale: Locale; checkout: ErrorTranslator; delivery: ErrorTranslator };

async function readerLocale(): Promise<Locale> {
  try {
    const locale = await getLocale();
    return isLocale(locale) ? locale : shopLocale();
  } catch {
    return shopLocale();
  }
}

async function words(): Promise<Words> {
  const locale = await readerLocale();
  const translate = createTranslator({ locale, messages: await loadMessages(locale) });
  const group = (prefix: string): ErrorTranslator =>
    Object.assign((key: string, values?: Record<string, string | number | Date>) => translate(`${prefix}.${key}` as never, values as never), {
      has: (key: string) => translate.has(`${prefix}.${key}` as never),
      raw: (key: string): unknown => translate.raw(`${prefix}.${key}` as never),
    });
  return { locale, checkout: group('checkout.errors'), delivery: group('delivery') };
}

function known(t: ErrorTranslator, code: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(code) && t.has(code);
}

/** The reader's words for an error code from lib: checkout.errors.<CODE>, delivery.errors.<CODE>, else errors.<CODE>. */
export async function wordedError(code: string, params: ErrorParams = {}): Promise<string> {
  const w = await words();
  if (known(w.checkout, code)) return errorText(w.checkout, code, params, w.locale);
  if (known(deliveryErrors(w), code)) return errorText(deliveryErrors(w), code, params, w.locale);
  return errorMessage(code, params, w.locale);
}

function deliveryErrors(w: Words): ErrorTranslator {
  return Object.assign((key: string, values?: Record<string, string | number | Date>) => w.delivery(`errors.${key}`, values), {
    has: (key: string) => w.delivery.has(`errors.${key}`),
    raw: (key: string): unknown => w.delivery.raw(`errors.${key}`),
  });
}

/**
 * Field messages worded where these catalogues know them (delivery.validation.<key>, a code of
 * checkout.errors or delivery.errors); every other message is left as it was, for the action layer.
 */
export async function wordedFieldErrors(fieldErrors: FieldErrors): Promise<FieldErrors> {
  const w = await words();
  const word = (message: string): string => {
    const read = readFieldMessage(message);
    if (read && w.delivery.has(`validation.${read.key}`)) return fieldErrorText(w.delivery, message, w.locale);
    const coded = readCodeMessage(message);
    if (coded && known(w.checkout, coded.code)) return errorText(w.checkout, coded.code, coded.params, w.locale);
    if (coded && known(deliveryErrors(w), coded.code)) return errorText(deliveryErrors(w), coded.code, coded.params, w.locale);
    return message;
  };
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, messages]) => [field, messages?.map(word)]));
}
