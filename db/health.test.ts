import { describe, expect, it } from 'vitest';
import { getDatabase, type Database } from '@/db';
import { checkHealth } from './health';

describe('checkHealth', () => {
  it('reports a migrated database as ready, with its engine', async () => {
    const database = getDatabase();
    expect(await checkHealth(database)).toEqual({ ok: true, engine: database.engine, database: 'reachable', migrations: 'current' });
  });

  it('reports a database behind this build, and one that does not answer, as not ready', async () => {
    const database = getDatabase();
    const behind: Database = { ...database, lastMigrationTime: async () => 1 };
    expect(await checkHealth(behind)).toMatchObject({ ok: false, migrations: 'behind' });
    const down: Database = { ...database, lastMigrationTime: () => Promise.reject(new Error('connection refused')) };
    expect(await checkHealth(down)).toMatchObject({ ok: false, database: 'unreachable' });
  });
});
