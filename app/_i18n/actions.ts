'use server';

import { cookies } from 'next/headers';
import { getDatabase } from '@/db';
import { setPreferredLanguage } from '@/lib/accounts/profile';
import { currentViewer } from '../_server/session';
import { revalidatePath } from 'next/cache';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/locales';

/** Remembers the visitor's language for a year; an unknown value changes nothing. */
export async function chooseLanguageAction(formData: FormData): Promise<void> {
  const locale = formData.get('locale');
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: true });
  // A signed-in shopper's choice is also the language of their e-mails.
  const viewer = await currentViewer();
  if (viewer) await setPreferredLanguage(getDatabase(), viewer.id, locale);
  revalidatePath('/', 'layout');
}
