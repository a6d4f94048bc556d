'use client';

import { useEffect, useState } from 'react';
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, type Locale } from '@/lib/i18n/locales';
import en from '@/messages/en/common.json';
import tr from '@/messages/tr/common.json';

const catalogues = { en, tr } satisfies Record<Locale, typeof en>;

/** The visitor's language without the root layout (and its provider): their cookie, else their browser's. */
function browserLocale(): Locale {
  const chosen = document.cookie
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage(navigator.languages.join(',')) ?? (isLocale(document.documentElement.lang) ? document.documentElement.lang : 'en');
}

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [locale, setLocale] = useState<Locale>('en');
  useEffect(() => setLocale(browserLocale()), []);
  const t = catalogues[locale].errorPage;
  return (
    <html lang={locale}>
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '4rem', textAlign: 'center' }}>
        <h1>{t.title}</h1>
        <p>{t.globalBody}</p>
        <button type="button" onClick={() => reset()}>
          {t.retry}
        </button>
      </body>
    </html>
  );
}
