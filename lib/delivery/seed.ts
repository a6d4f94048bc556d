import { count } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import type { Tx } from '@/db/database';
import { shippingMethods } from '@/db/schema';
import { demoPrice } from '@/db/seed-data';
import type { Locale } from '@/lib/i18n/locales';
import deliveryEn from '@/messages/en/delivery.json';
import deliveryTr from '@/messages/tr/delivery.json';
import { createShippingMethod } from './shipping-methods';

/**
 * The shipping methods a new shop starts with, named in the shop's language (the `delivery.seed`
 * catalogue) and priced in its currency (demoPrice): Standard delivery ($4.90, free from $50.00 of
 * goods), Express delivery ($12.90) and Pick up in store (free). A step of the seed's transaction;
 * does nothing when the shop has any shipping method already (staff's own are never touched).
 *
 * A shop without any shipping method still sells: checkout then has no shipping choice and the
 * order is picked up (lib/checkout/delivery.ts).
 */
export async function seedShippingMethods(tx: Tx, { currency, locale }: { currency: string; locale: Locale }): Promise<void> {
  const [existing] = await tx.select({ n: count() }).from(shippingMethods);
  if (Number(existing?.n ?? 0) > 0) return;
  const t = createTranslator({ locale, messages: { delivery: locale === 'tr' ? deliveryTr : deliveryEn }, namespace: 'delivery.seed' });
  const price = (usdCents: number) => demoPrice(usdCents, currency);
  await createShippingMethod(tx, { name: t('standard'), kind: 'delivery', priceMinor: price(490), freeAboveMinor: price(5000), active: true }, null, currency);
  await createShippingMethod(tx, { name: t('express'), kind: 'delivery', priceMinor: price(1290), freeAboveMinor: null, active: true }, null, currency);
  await createShippingMethod(tx, { name: t('pickup'), kind: 'pickup', priceMinor: 0, freeAboveMinor: null, active: true }, null, currency);
}
