import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, shopLocale, type Locale } from '@/lib/i18n/locales';
import { loadMessages } from './messages';

/** The visitor's language: the one they chose (cookie), else their browser's, else the shop's. */
export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get('accept-language')) ?? shopLocale();
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    messages: await loadMessages(locale),
    timeZone: process.env.SHOP_TIME_ZONE?.trim() || 'UTC',
  };
});
