/** The languages the shop speaks; English is the default unless SHOP_LOCALE says otherwise. */
export const locales = ['en', 'tr'] as const;
export type Locale = (typeof locales)[number];

/** The cookie that remembers a visitor's choice of language. */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The shop's default language: SHOP_LOCALE when it names one we speak, else English. */
export function shopLocale(env: Record<string, string | undefined> = process.env): Locale {
  const configured = env.SHOP_LOCALE?.trim().toLowerCase();
  return isLocale(configured) ? configured : 'en';
}

/**
 * The best of our locales for an Accept-Language header (by its q-values, language part only),
 * or undefined when it names none of them.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ q }) => Number.isFinite(q) && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map(({ language }) => language).find(isLocale);
}

/** The locale tag for Intl formatting. */
export function intlLocale(locale: Locale): string {
  return locale === 'tr' ? 'tr-TR' : 'en-US';
}
