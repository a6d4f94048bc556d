// Run before the app starts: migrate, seed a fresh database, make sure a session secret exists.
// Works for either engine (DATABASE_URL=postgres://… npm run db:prepare).
import { backfillSearchKeys } from '@/lib/auth/search-key';
import { authSecret } from '@/lib/auth/secret';
import { backfillProductSearchKeys } from '@/lib/catalog/search-key';
import { getDatabase } from './index';
import { migrateDatabase } from './migrate';
import { databaseIsEmpty, seedDemoData } from './seed';

await migrateDatabase();
const db = getDatabase();
if (await databaseIsEmpty(db.read)) {
  await seedDemoData(db);
  console.log('Fresh database: demo data seeded.');
}
const keyed = await backfillSearchKeys(db);
if (keyed > 0) console.log(`Search keys written for ${keyed} users.`);
const productsKeyed = await backfillProductSearchKeys(db);
if (productsKeyed > 0) console.log(`Search keys written for ${productsKeyed} products.`);
await authSecret(db);
await db.close();
console.log('Database ready.');
