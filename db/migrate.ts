import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { connect } from './sqlite/connection';
import { databaseTarget, type DatabaseTarget } from './database-path';

const migrationsFolders = {
  sqlite: path.resolve(process.cwd(), 'db', 'sqlite', 'migrations'),
  postgres: path.resolve(process.cwd(), 'db', 'postgres', 'migrations'),
};

// Any fixed number: PostgreSQL migrations run under this advisory lock, one server at a time.
const migrationLock = 0x636f66666572;

/**
 * Brings the schema up to date; safe to run on every start, and on PostgreSQL from several
 * servers starting at once (they take turns under an advisory lock; the later ones find nothing to do).
 */
export async function migrateDatabase(target: DatabaseTarget = databaseTarget()): Promise<void> {
  if (target.engine === 'sqlite') {
    migrateSqlite(connect(target.file).db, { migrationsFolder: migrationsFolders.sqlite });
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLock]);
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: migrationsFolders.postgres });
  } finally {
    await client.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await migrateDatabase();
  console.log('Database migrated.');
}
