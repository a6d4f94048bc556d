import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client';

export const migrationsFolder = path.resolve(process.cwd(), 'db', 'migrations');

/** Brings the schema up to date; safe to run on every start. */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { db } = await import('./client');
  migrateDatabase(db);
  console.log('Database migrated.');
}
