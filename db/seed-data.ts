import { createTranslator } from 'next-intl';
import type { DemoInvoiceLineWords } from '@/lib/invoices/demo';
import type { Locale } from '@/lib/i18n/locales';
import invoicesEn from '@/messages/en/invoices.json';
import invoicesTr from '@/messages/tr/invoices.json';
import { currencies, isCurrencyCode, UnknownCurrencyError, type CurrencyCode } from '@/lib/money/currencies';

/**
 * About what 1,000 US dollars buy in each currency, in its major units (mid-2026, rounded): enough
 * for demo prices that look right in the shop currency. A new currency must get a line here.
 */
const unitsPerThousandUsd = {
  AED: 3_670,
  ARS: 1_200_000,
  AZN: 1_700,
  BHD: 377,
  BRL: 5_500,
  CNY: 7_200,
  EGP: 49_000,
  EUR: 920,
  GBP: 790,
  IQD: 1_310_000,
  JPY: 150_000,
  KWD: 307,
  KZT: 500_000,
  RUB: 90_000,
  SAR: 3_750,
  TRY: 40_000,
  USD: 1_000,
} as const satisfies Record<CurrencyCode, number>;

/** Rounds the fraction num/den half up to two significant digits (at least 1): 97.4 → 97, 5215 → 5200. */
function roundToTwoDigits(num: bigint, den: bigint): bigint {
  const whole = num / den;
  const step = whole < 100n ? 1n : 10n ** BigInt(whole.toString().length - 2);
  const rounded = ((2n * num + den * step) / (2n * den * step)) * step;
  return rounded > 0n ? rounded : 1n;
}

/**
 * A demo price given in US cents, in minor units of `currency`: exact for USD, otherwise converted
 * and rounded to two significant digits (24.50 USD → 980.00 TRY, 3,700 JPY, 7.500 KWD). Integers only.
 */
export function demoPrice(usdCents: number, currency: string): number {
  if (!Number.isSafeInteger(usdCents) || usdCents <= 0) throw new RangeError(`demoPrice: ${usdCents} is not a positive whole number of cents`);
  if (!isCurrencyCode(currency)) throw new UnknownCurrencyError(currency);
  if (currency === 'USD') return usdCents;
  const minorPerMajor = 10n ** BigInt(currencies[currency].exponent);
  // cents × (units per 1,000 USD) × minor per unit ÷ (100 cents × 1,000 USD)
  return Number(roundToTwoDigits(BigInt(usdCents) * BigInt(unitsPerThousandUsd[currency]) * minorPerMajor, 100_000n));
}

/** The demo shelves in both languages (their slugs come from the name, as for a category staff create). */
const demoCategories = [
  { key: 'kitchen', en: 'Kitchen', tr: 'Mutfak' },
  { key: 'home', en: 'Home', tr: 'Ev' },
  { key: 'wear', en: 'Clothing & Accessories', tr: 'Giyim ve Aksesuar' },
  { key: 'desk', en: 'Desk & Tech', tr: 'Masa ve Teknoloji' },
] as const;

export type DemoCategoryKey = (typeof demoCategories)[number]['key'];

/** The demo categories named in `locale`, by key. */
export function demoCategoriesIn(locale: Locale): { key: DemoCategoryKey; name: string }[] {
  return demoCategories.map(({ key, [locale]: name }) => ({ key, name }));
}

/**
 * The demo catalog in both languages. Prices are exact minor units (USD cents), converted with
 * demoPrice for another shop currency. Stock: units on hand (null: made to order, not tracked;
 * the headphones are sold out, to show how the shop says so).
 */
const catalog = [
  {
    slug: 'canvas-tote',
    category: 'wear',
    stock: 35,
    priceMinor: 2450,
    en: { name: 'Canvas Tote Bag', description: 'Heavy cotton canvas with long handles and an inside pocket. Carries a week of groceries.' },
    tr: { name: 'Kanvas Alışveriş Çantası', description: 'Uzun saplı, iç cepli kalın pamuklu kanvas. Bir haftalık alışverişi taşır.' },
  },
  {
    slug: 'ceramic-mug',
    category: 'kitchen',
    stock: 120,
    priceMinor: 1800,
    en: { name: 'Ceramic Mug', description: 'Hand-glazed stoneware, 350 ml, dishwasher safe.' },
    tr: { name: 'Seramik Kupa', description: 'El sırlı taş seramik, 350 ml, bulaşık makinesinde yıkanabilir.' },
  },
  {
    slug: 'wool-scarf',
    category: 'wear',
    stock: 12,
    priceMinor: 5900,
    en: { name: 'Merino Wool Scarf', description: 'Soft extra-fine merino, 180 × 30 cm, knitted in Portugal.' },
    tr: { name: 'Merinos Yünü Atkı', description: 'Yumuşak, ekstra ince merinos yünü, 180 × 30 cm, Portekiz’de örüldü.' },
  },
  {
    slug: 'desk-lamp',
    category: 'home',
    stock: 8,
    priceMinor: 12900,
    en: { name: 'Brass Desk Lamp', description: 'Adjustable arm, warm LED, solid brass base.' },
    tr: { name: 'Pirinç Masa Lambası', description: 'Ayarlanabilir kol, sıcak LED ışık, masif pirinç gövde.' },
  },
  {
    slug: 'notebook-set',
    category: 'desk',
    stock: 50,
    priceMinor: 2250,
    en: { name: 'Dot-Grid Notebook Set', description: 'Three A5 notebooks, 120 g paper that takes fountain pens.' },
    tr: { name: 'Noktalı Defter Seti', description: 'Üç A5 defter; dolma kalemle yazmaya uygun 120 g kâğıt.' },
  },
  {
    slug: 'pour-over',
    category: 'kitchen',
    stock: 30,
    priceMinor: 4700,
    en: { name: 'Pour-Over Coffee Set', description: 'Glass carafe, ceramic dripper and 100 filters.' },
    tr: { name: 'Demleme Kahve Seti', description: 'Cam sürahi, seramik demleyici ve 100 filtre kâğıdı.' },
  },
  {
    slug: 'linen-shirt',
    category: 'wear',
    stock: 40,
    priceMinor: 7400,
    en: { name: 'Linen Shirt', description: 'Washed European linen, relaxed fit, mother-of-pearl buttons.' },
    tr: { name: 'Keten Gömlek', description: 'Yıkanmış Avrupa keteni, rahat kesim, sedef düğmeler.' },
  },
  {
    slug: 'card-holder',
    category: 'wear',
    stock: 60,
    priceMinor: 3900,
    en: { name: 'Leather Card Holder', description: 'Vegetable-tanned leather, six card slots, ages beautifully.' },
    tr: { name: 'Deri Kartlık', description: 'Bitkisel tabaklanmış deri, altı kart bölmesi; kullandıkça güzelleşir.' },
  },
  {
    slug: 'plant-pot',
    category: 'home',
    stock: 45,
    priceMinor: 1650,
    en: { name: 'Terracotta Plant Pot', description: 'Unglazed terracotta with saucer, 18 cm.' },
    tr: { name: 'Terakota Saksı', description: 'Tabaklı, sırsız terakota, 18 cm.' },
  },
  {
    slug: 'headphones',
    category: 'desk',
    stock: 0,
    priceMinor: 19900,
    en: { name: 'Wireless Headphones', description: 'Noise cancelling, 30-hour battery, folds flat.' },
    tr: { name: 'Kablosuz Kulaklık', description: 'Gürültü engelleme, 30 saat pil ömrü, katlanabilir.' },
  },
  {
    slug: 'cast-iron-pan',
    category: 'kitchen',
    stock: 15,
    priceMinor: 5500,
    en: { name: 'Cast Iron Skillet', description: 'Pre-seasoned 26 cm skillet for stove, oven and fire.' },
    tr: { name: 'Döküm Tava', description: 'Ocakta, fırında ve ateşte kullanılabilen, önceden alıştırılmış 26 cm tava.' },
  },
  {
    slug: 'reading-chair',
    category: 'home',
    stock: null,
    priceMinor: 75000,
    en: { name: 'Reading Armchair', description: 'Oak frame, wool upholstery, made to order.' },
    tr: { name: 'Okuma Koltuğu', description: 'Meşe iskelet, yün döşeme, siparişe özel üretilir.' },
  },
  {
    slug: 'wall-clock',
    category: 'home',
    stock: 25,
    priceMinor: 8900,
    en: { name: 'Oak Wall Clock', description: 'Silent sweep movement in a solid oak dial, 30 cm.' },
    tr: { name: 'Meşe Duvar Saati', description: 'Masif meşe kadran, tık tık etmeyen sessiz mekanizma, 30 cm.' },
  },
  {
    slug: 'water-bottle',
    category: 'kitchen',
    stock: 80,
    priceMinor: 2900,
    en: { name: 'Steel Water Bottle', description: 'Double-walled, keeps drinks cold for 24 hours, 750 ml.' },
    tr: { name: 'Çelik Su Şişesi', description: 'Çift cidarlı, içecekleri 24 saat soğuk tutar, 750 ml.' },
  },
] as const;

/** The demo catalog with names and descriptions in `locale` (slugs and images stay the same in every language). */
export function demoProductsIn(locale: Locale): { slug: string; priceMinor: number; category: DemoCategoryKey; stock: number | null; name: string; description: string }[] {
  return catalog.map(({ slug, priceMinor, category, stock, [locale]: text }) => ({ slug, priceMinor, category, stock, name: text.name, description: text.description }));
}

/** The demo catalog in English (the default shop). */
export const demoProducts = demoProductsIn('en');

/** The demo accounts: the same sign-in in every language, a name that fits the shop's. */
export function demoUsersIn(locale: Locale) {
  const names = locale === 'tr' ? { shopper: 'Işıl Yılmaz', staff: 'Haluk Demir' } : { shopper: 'Sam Shopper', staff: 'Stella Staff' };
  return [
    { email: 'shopper@example.com', name: names.shopper, password: 'shopper123', role: 'customer' },
    { email: 'staff@example.com', name: names.staff, password: 'staff123', role: 'staff' },
  ] as const;
}

export const demoUsers = demoUsersIn('en');

/** The demo invoices' line descriptions in `locale`, from the `invoices.demo` catalogue. */
export function demoInvoiceLinesIn(locale: Locale): DemoInvoiceLineWords {
  const t = createTranslator({ locale, messages: { invoices: locale === 'tr' ? invoicesTr : invoicesEn }, namespace: 'invoices.demo' });
  return { baristaWorkshop: t('baristaWorkshop'), tastingSet: t('tastingSet'), serviceContract: t('serviceContract'), descalingKit: t('descalingKit') };
}
