// Run before the app starts: migrate, seed a fresh database, make sure a session secret exists.
import { authSecret } from '@/lib/config';
import { migrateDatabase } from './migrate';
import { databaseIsEmpty, seedDemoData } from './seed';

await migrateDatabase();
if (databaseIsEmpty()) {
  await seedDemoData();
  console.log('Fresh database: demo data seeded.');
}
authSecret();
console.log('Database ready.');
