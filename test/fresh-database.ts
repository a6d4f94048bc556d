// Every test file gets its own empty, migrated SQLite database in a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-test-'));
process.env.DATABASE_URL = path.join(folder, 'test.db');
process.env.COFFER_DATA_DIR = folder;

const { db } = await import('@/db/client');
const { migrateDatabase } = await import('@/db/migrate');
migrateDatabase(db);
