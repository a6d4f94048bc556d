/**
 * Text that treats the Turkish letters right. Display casing always takes a locale (never the
 * process's default); identifiers (slugs, search keys) are locale-independent folds.
 */
import type { Locale } from '@/lib/i18n/locales';

/** Letters folded to their plain Latin base, after lower-casing with Turkish rules. */
const latinBase: Record<string, string> = { ı: 'i', ş: 's', ğ: 'g', ç: 'c', ö: 'o', ü: 'u', â: 'a', î: 'i', û: 'u' };

/** Lower case with Turkish rules (I → ı, İ → i), then every letter to its base without marks. */
function fold(text: string): string {
  return text
    .toLocaleLowerCase('tr')
    .replace(/[ışğçöüâîû]/g, (letter) => latinBase[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

/**
 * The key a search compares: "ISTANBUL", "İstanbul", "istanbul" and "ıstanbul" give "istanbul",
 * "Işıl" and "ISIL" give "isil". Spaces run together; the same on every machine and engine.
 */
export function searchKey(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}

/** A URL slug: "Işıklı Çay Bardağı" → "isikli-cay-bardagi"; only a-z, 0-9 and single hyphens. */
export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const turkishCollator = new Intl.Collator('tr', { sensitivity: 'base', numeric: true });

/** Alphabetical order of the Turkish alphabet (c < ç < d, ı < i, o < ö, s < ş, u < ü), for sort(). */
export function compareTurkish(a: string, b: string): number {
  return turkishCollator.compare(a, b);
}

/** Display text in upper case for a language: "istanbul" → "İSTANBUL" in tr, "ISTANBUL" in en. */
export function upperFor(text: string, locale: Locale): string {
  return text.toLocaleUpperCase(locale);
}

/** Display text in lower case for a language: "IŞIL" → "ışıl" in tr, "isil" would be wrong. */
export function lowerFor(text: string, locale: Locale): string {
  return text.toLocaleLowerCase(locale);
}

/** The first letter in upper case for a language: "ilk" → "İlk" in tr, "Ilk" in en. */
export function capitalizeFor(text: string, locale: Locale): string {
  const [first = '', ...rest] = text;
  return first.toLocaleUpperCase(locale) + rest.join('');
}
