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
 * SQLite rebuilds a table to change a column (create the new one, copy, drop the old, rename), which
 * the rows pointing at it would refuse: foreign keys are off while the migrations run (the pragma is
 * fixed inside their transaction, so it is set before), then every reference is checked.
 */
function migrateSqliteFile(file: string): void {
  const { sqlite, db } = connect(file);
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrateSqlite(db, { migrationsFolder: migrationsFolders.sqlite });
    const broken = sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`Migration left ${broken.length} rows pointing at missing rows: ${JSON.stringify(broken.slice(0, 5))}`);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/**
 * Brings the schema up to date; safe to run on every start, and on PostgreSQL from several
 * servers starting at once (they take turns under an advisory lock; the later ones find nothing to do).
 */
export async function migrateDatabase(target: DatabaseTarget = databaseTarget()): Promise<void> {
  if (target.engine === 'sqlite') {
    migrateSqliteFile(target.file);
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
