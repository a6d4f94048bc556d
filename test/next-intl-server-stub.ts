// next-intl/server outside Next.js: its real functions read the request (cookies, headers) that a
// vitest process does not have. Tests that call server actions or pages get the same catalogues,
// in English (COFFER_TEST_LOCALE=tr for Turkish) and the UTC time zone.
import { createFormatter, createTranslator } from 'next-intl';
import { loadMessages } from '@/app/_i18n/messages';
import type { Locale } from '@/lib/i18n/locales';

const locale: Locale = process.env.COFFER_TEST_LOCALE === 'tr' ? 'tr' : 'en';
const timeZone = 'UTC';

export async function getLocale(): Promise<Locale> {
  return locale;
}

export async function getMessages() {
  return loadMessages(locale);
}

export async function getTranslations(namespaceOrOptions?: string | { namespace?: string }) {
  const namespace = typeof namespaceOrOptions === 'string' ? namespaceOrOptions : namespaceOrOptions?.namespace;
  return createTranslator({ locale, messages: await loadMessages(locale), namespace: namespace as never, timeZone });
}

export async function getFormatter() {
  return createFormatter({ locale, timeZone });
}

export async function getTimeZone(): Promise<string> {
  return timeZone;
}

export async function getNow(): Promise<Date> {
  return new Date();
}

export function setRequestLocale(): void {}

export function getRequestConfig<T>(create: T): T {
  return create;
}
