import { AsyncLocalStorage } from 'node:async_hooks';
import { connect } from './connection';
import { NestedWriteError, type Database, type Query, type Tx } from '../database';

/**
 * SQLite, the embedded default: a writing and a reading connection per process (WAL,
 * synchronous=FULL; see db/sqlite/connection.ts). A better-sqlite3 transaction cannot span an
 * await, so write transactions are queued in the process (a promise chain) and each runs
 * BEGIN IMMEDIATE … COMMIT alone; other processes on the same file wait for the file's write lock
 * (busy_timeout). Reads go to the other connection, so, as on PostgreSQL, they never see a write
 * transaction that has not committed.
 */
export function openSqliteDatabase(file: string): Database {
  const { sqlite, db } = connect(file);
  const query = db as unknown as Query;
  const reader = connect(file, 'read').db as unknown as Query;
  const inWrite = new AsyncLocalStorage<true>();
  let queue: Promise<unknown> = Promise.resolve();

  async function runAlone<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const result = await inWrite.run(true, () => work(query as Tx));
      sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  }

  return {
    engine: 'sqlite',
    read: reader,
    write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      if (inWrite.getStore()) return Promise.reject(new NestedWriteError());
      const result = queue.then(() => runAlone(work));
      queue = result.catch(() => undefined);
      return result;
    },
    async lastMigrationTime() {
      const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
      if (!hasTable) return null;
      const row = sqlite.prepare('SELECT max(created_at) AS time FROM __drizzle_migrations').get() as { time: number | null } | undefined;
      return row?.time ?? null;
    },
    async close() {
      await queue;
    },
  };
}
