import { getLocale, getTranslations } from 'next-intl/server';
import { locales } from '@/lib/i18n/locales';

/** A button per language; the chosen one is remembered in a cookie (app/_i18n/actions.ts). */
export async function LanguageSwitch({ chooseAction }: { chooseAction: (formData: FormData) => Promise<void> }) {
  const t = await getTranslations('nav');
  const current = await getLocale();
  return (
    <form action={chooseAction} aria-label={t('language')} className="flex items-center gap-1">
      {locales.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className="min-h-11 rounded-md px-2 text-sm text-stone-600 hover:bg-stone-100 aria-pressed:font-semibold aria-pressed:text-stone-900"
        >
          {t(`languageName.${locale}`)}
        </button>
      ))}
    </form>
  );
}
