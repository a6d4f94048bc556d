// A fresh PostgreSQL database per test file (or test), migrated like production.
import crypto from 'node:crypto';
import pg from 'pg';
import { migrateDatabase } from '@/db/migrate';

/** Creates an empty database on the server at `serverUrl`, applies db/postgres/migrations, returns its URL. */
export async function createTestDatabase(serverUrl: string): Promise<string> {
  const name = `coffer_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrateDatabase({ engine: 'postgres', url: url.href });
  return url.href;
}
