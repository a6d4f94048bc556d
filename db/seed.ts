import { pathToFileURL } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/passwords';
import { payOrderFromWallet } from '@/lib/checkout';
import { seedDemoInvoices } from '@/lib/invoices/demo';
import { completePayment } from '@/lib/payments/complete';
import { createPaymentRecord } from '@/lib/payments/records';
import { addToCart } from '@/lib/shop/cart';
import { startTopUp } from '@/lib/wallet/top-ups';
import { db } from './client';
import { orders, products, users } from './schema';
import { demoProducts, demoUsers } from './seed-data';
import { writeTransaction } from './transaction';

const currency = 'USD';

/** True when nobody has signed up yet: a fresh database. */
export function databaseIsEmpty(): boolean {
  return (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
}

/** Adds the demo catalog and accounts; running it again adds nothing. */
export async function seedDemoData(): Promise<void> {
  for (const product of demoProducts) {
    db.insert(products)
      .values({ ...product, currency, image: `/products/${product.slug}.svg` })
      .onConflictDoNothing({ target: products.slug })
      .run();
  }
  for (const user of demoUsers) {
    const passwordHash = await hashPassword(user.password);
    db.insert(users)
      .values({ email: user.email, name: user.name, role: user.role, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .run();
  }
  const shopper = db.select().from(users).where(eq(users.email, 'shopper@example.com')).get();
  if (shopper) {
    await seedDemoWallet(shopper);
    seedDemoInvoices(shopper.id);
    seedDemoOrder(shopper.id);
  }
}

const firstOrderKey = 'seed:demo-shopper:first-order';

/** The walkthrough's first purchase: $97.00 from the wallet, leaving $242.50. */
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
 * The demo shopper's wallet, made the way a shopper would make it: a $339.50 card top-up
 * (Demo provider) and a $100.00 wire top-up waiting for staff. Fixed keys make it idempotent.
 */
async function seedDemoWallet(shopper: { id: number; email: string }) {
  const { payment } = writeTransaction(() =>
    createPaymentRecord({
      userId: shopper.id,
      purpose: 'top_up',
      provider: 'demo',
      amount: 33950,
      currency,
      idempotencyKey: 'seed:demo-shopper:card-top-up',
    }),
  );
  completePayment(payment.id);
  await startTopUp(shopper, {
    amount: '100.00',
    method: 'wire_transfer',
    attemptKey: '00000000-0000-4000-8000-000000000001',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await seedDemoData();
  console.log('Demo data seeded.');
}
