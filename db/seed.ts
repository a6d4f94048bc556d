import { pathToFileURL } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/passwords';
import { userSearchKey } from '@/lib/auth/search-key';
import { productSearchKey } from '@/lib/catalog/search-key';
import { baseSlug } from '@/lib/catalog/slug';
import { shopLocale, type Locale } from '@/lib/i18n/locales';
import { payOrderFromWalletIn } from '@/lib/checkout/place-order';
import { seedShippingMethods } from '@/lib/delivery/seed';
import { seedDemoInvoicesIn } from '@/lib/invoices/demo';
import { completePayment } from '@/lib/payments/complete';
import { createPaymentRecord } from '@/lib/payments/records';
import { getSettings } from '@/lib/settings';
import { addToCartIn } from '@/lib/shop/cart';
import { startWireTopUpIn } from '@/lib/wallet/top-ups';
import type { Database, Query, Tx } from './database';
import { categories, orders, products, users } from './schema';
import { demoCategoriesIn, demoInvoiceLinesIn, demoPrice, demoProductsIn, demoUsersIn, type DemoCategoryKey } from './seed-data';

/** True when nobody has signed up yet: a fresh database. */
export async function databaseIsEmpty(q: Query): Promise<boolean> {
  const [row] = await q.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * Adds the demo catalog and accounts, priced in the shop currency and named in the shop's language
 * (SHOP_LOCALE: a Turkish shop gets Turkish products and invoice lines), in ONE write transaction: a failure leaves
 * the database as it was (empty on a first start, so the next start seeds again). Running it again adds nothing.
 */
export async function seedDemoData(db: Database, locale: Locale = shopLocale()): Promise<void> {
  const { currency } = await getSettings(db.read);
  // Passwords are hashed before the transaction: nothing but database work runs inside db.write.
  const accounts = await Promise.all(
    demoUsersIn(locale).map(async ({ password, ...user }) => ({ ...user, searchKey: userSearchKey(user), passwordHash: await hashPassword(password) })),
  );

  await db.write(async (tx) => {
    const categoryIds = await seedDemoCategories(tx, locale);
    for (const { priceMinor, category, ...product } of demoProductsIn(locale)) {
      await tx
        .insert(products)
        .values({
          ...product,
          priceMinor: demoPrice(priceMinor, currency),
          currency,
          image: `/products/${product.slug}.svg`,
          categoryId: categoryIds.get(category) ?? null,
          searchKey: productSearchKey(product),
        })
        .onConflictDoNothing({ target: products.slug });
    }
    for (const account of accounts) await tx.insert(users).values(account).onConflictDoNothing({ target: users.email });
    const [shopper] = await tx.select().from(users).where(eq(users.email, 'shopper@example.com'));
    if (!shopper) return;
    await seedDemoWallet(tx, shopper, currency);
    await seedDemoInvoicesIn(tx, shopper.id, demoInvoiceLinesIn(locale));
    await seedDemoOrder(tx, shopper.id);
    // After the demo order: it was placed before the shop offered any shipping (picked up).
    await seedShippingMethods(tx, { currency, locale });
  });
}

/** The demo shelves, named in the shop's language; slugs from the names as staff-made ones get. Returns their ids by key. */
async function seedDemoCategories(tx: Tx, locale: Locale): Promise<Map<DemoCategoryKey, number>> {
  const ids = new Map<DemoCategoryKey, number>();
  for (const { key, name } of demoCategoriesIn(locale)) {
    const slug = baseSlug(name, key);
    await tx.insert(categories).values({ name, slug, createdAt: new Date() }).onConflictDoNothing({ target: categories.slug });
    const [row] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug));
    if (row) ids.set(key, row.id);
  }
  return ids;
}

const firstOrderKey = 'seed:demo-shopper:first-order';

/** The walkthrough's first purchase from the wallet: a card holder and two water bottles ($97.00 in USD). */
async function seedDemoOrder(tx: Tx, shopperId: number) {
  const [earlier] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.checkoutKey, firstOrderKey));
  if (earlier) return;
  const productId = async (slug: string) => (await tx.select({ id: products.id }).from(products).where(eq(products.slug, slug)))[0]?.id;
  const cardHolder = await productId('card-holder');
  const bottle = await productId('water-bottle');
  if (!cardHolder || !bottle) return;
  await addToCartIn(tx, shopperId, cardHolder, 1);
  await addToCartIn(tx, shopperId, bottle, 2);
  await payOrderFromWalletIn(tx, shopperId, { checkoutKey: firstOrderKey });
}

/**
 * The demo shopper's wallet, made the way a shopper would make it: a card top-up (Demo provider,
 * $339.50 in USD) and a wire top-up waiting for staff ($100.00). Fixed keys make it idempotent.
 */
async function seedDemoWallet(tx: Tx, shopper: { id: number; email: string }, currency: string) {
  const { payment } = await createPaymentRecord(tx, {
    userId: shopper.id,
    purpose: 'top_up',
    provider: 'demo',
    amount: demoPrice(33_950, currency),
    currency,
    idempotencyKey: 'seed:demo-shopper:card-top-up',
  });
  await completePayment(tx, payment.id);
  await startWireTopUpIn(tx, shopper, { amount: demoPrice(10_000, currency), currency, idempotencyKey: 'seed:demo-shopper:wire-top-up' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { getDatabase } = await import('./index');
  const db = getDatabase();
  await seedDemoData(db);
  await db.close();
  console.log('Demo data seeded.');
}
