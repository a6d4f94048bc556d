import { pathToFileURL } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/passwords';
import { payOrderFromWallet } from '@/lib/checkout';
import { seedDemoInvoices } from '@/lib/invoices/demo';
import { completePayment } from '@/lib/payments/complete';
import { createPaymentRecord } from '@/lib/payments/records';
import { getSettings } from '@/lib/settings';
import { addToCart } from '@/lib/shop/cart';
import { startWireTopUp } from '@/lib/wallet/top-ups';
import { db } from './client';
import { orders, products, users } from './schema';
import { demoPrice, demoProducts, demoUsers } from './seed-data';
import { writeTransaction } from './transaction';

/** True when nobody has signed up yet: a fresh database. */
export function databaseIsEmpty(): boolean {
  return (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
}

/**
 * Adds the demo catalog and accounts, priced in the shop currency, in ONE write transaction: a
 * failure leaves the database as it was (empty on a first start, so the next start seeds again).
 * Running it again adds nothing.
 */
export async function seedDemoData(): Promise<void> {
  const { currency } = getSettings();
  // argon2 is asynchronous and a better-sqlite3 transaction cannot span an await: hash first.
  const accounts = await Promise.all(
    demoUsers.map(async ({ password, ...user }) => ({ ...user, passwordHash: await hashPassword(password) })),
  );

  writeTransaction(() => {
    for (const { priceMinor, ...product } of demoProducts) {
      db.insert(products)
        .values({ ...product, priceMinor: demoPrice(priceMinor, currency), currency, image: `/products/${product.slug}.svg` })
        .onConflictDoNothing({ target: products.slug })
        .run();
    }
    for (const account of accounts) db.insert(users).values(account).onConflictDoNothing({ target: users.email }).run();
    const shopper = db.select().from(users).where(eq(users.email, 'shopper@example.com')).get();
    if (!shopper) return;
    seedDemoWallet(shopper, currency);
    seedDemoInvoices(shopper.id);
    seedDemoOrder(shopper.id);
  });
}

const firstOrderKey = 'seed:demo-shopper:first-order';

/** The walkthrough's first purchase from the wallet: a card holder and two water bottles ($97.00 in USD). */
function seedDemoOrder(shopperId: number) {
  if (db.select().from(orders).where(eq(orders.checkoutKey, firstOrderKey)).get()) return;
  const productId = (slug: string) => db.select().from(products).where(eq(products.slug, slug)).get()?.id;
  const cardHolder = productId('card-holder');
  const bottle = productId('water-bottle');
  if (!cardHolder || !bottle) return;
  addToCart(shopperId, cardHolder, 1);
  addToCart(shopperId, bottle, 2);
  payOrderFromWallet(shopperId, { checkoutKey: firstOrderKey });
}

/**
 * The demo shopper's wallet, made the way a shopper would make it: a card top-up (Demo provider,
 * $339.50 in USD) and a wire top-up waiting for staff ($100.00). Fixed keys make it idempotent.
 */
function seedDemoWallet(shopper: { id: number }, currency: string) {
  const { payment } = createPaymentRecord({
    userId: shopper.id,
    purpose: 'top_up',
    provider: 'demo',
    amount: demoPrice(33_950, currency),
    currency,
    idempotencyKey: 'seed:demo-shopper:card-top-up',
  });
  completePayment(payment.id);
  startWireTopUp(shopper, { amount: demoPrice(10_000, currency), currency, idempotencyKey: 'seed:demo-shopper:wire-top-up' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await seedDemoData();
  console.log('Demo data seeded.');
}
