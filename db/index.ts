import { databaseTarget } from './database-path';
import type { Database } from './database';
import { openPostgresDatabase } from './postgres/engine';
import { openSqliteDatabase } from './sqlite/engine';

export type { Database, EngineName, Query, Tx } from './database';
export { NestedWriteError } from './database';

// One Database per process, kept on globalThis so dev-mode reloads reuse it.
const holder = globalThis as { cofferDatabase?: Database };

/** The shop's database: PostgreSQL when DATABASE_URL is postgres://…, else the SQLite file. */
export function getDatabase(): Database {
  if (!holder.cofferDatabase) {
    const target = databaseTarget();
    holder.cofferDatabase = target.engine === 'postgres' ? openPostgresDatabase(target.url) : openSqliteDatabase(target.file);
  }
  return holder.cofferDatabase;
}
