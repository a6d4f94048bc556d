import { pathToFileURL } from 'node:url';
import { count } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/passwords';
import { db } from './client';
import { products, users } from './schema';
import { demoProducts, demoUsers } from './seed-data';

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
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await seedDemoData();
  console.log('Demo data seeded.');
}
