// Every test file gets its own empty, migrated database: a SQLite file in a temporary folder, or
// with COFFER_TEST_ENGINE=postgres a new database on the run's PostgreSQL server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-test-'));
process.env.COFFER_DATA_DIR = folder;

if (process.env.COFFER_TEST_ENGINE === 'postgres') {
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error('COFFER_TEST_ENGINE=postgres needs test/postgres-global-setup.ts to start a server.');
  const { createTestDatabase } = await import('./postgres-database');
  process.env.DATABASE_URL = await createTestDatabase(serverUrl);
} else {
  process.env.DATABASE_URL = path.join(folder, 'test.db');
  const { migrateDatabase } = await import('@/db/migrate');
  await migrateDatabase();
}
