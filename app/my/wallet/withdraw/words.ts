import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ErrorParams } from '@/lib/errors';
import { isLocale } from '@/lib/i18n/locales';
import { errorText, type ErrorTranslator } from '../../../_i18n/errors';
import { errorMessage } from '../../../_i18n/server-errors';

/** The reader's words for a withdrawal's refusal code: payouts.errors.<CODE>, else the errors catalogue. */
export async function withdrawalErrorWords(): Promise<(code: string, params?: ErrorParams) => Promise<string>> {
  const [requested, t] = await Promise.all([getLocale(), getTranslations('payouts.errors')]);
  const locale = isLocale(requested) ? requested : 'en';
  const words: ErrorTranslator = Object.assign((key: string, values?: Record<string, string | number | Date>) => t(key as never, values as never), {
    has: (key: string) => t.has(key as never),
    raw: (key: string): unknown => t.raw(key as never),
  });
  return async (code, params = {}) => (/^[A-Z][A-Z0-9_]*$/.test(code) && words.has(code) ? errorText(words, code, params, locale) : errorMessage(code, params, locale));
}
