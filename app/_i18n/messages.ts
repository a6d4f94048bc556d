import type { Locale } from '@/lib/i18n/locales';
import { namespaces } from './namespaces';

export type Messages = Record<string, unknown>;

/** Every catalogue of one language, keyed by namespace (t('wallet.title') or useTranslations('wallet')). */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    namespaces.map(async (namespace) => [namespace, (await import(`../../messages/${locale}/${namespace}.json`)).default as unknown] as const),
  );
  return Object.fromEntries(entries);
}
