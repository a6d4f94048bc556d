import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { NestedWriteError, type Database, type Query, type Tx } from '../database';
import * as schema from './schema';

// Amounts are bigint columns; pg returns int8 as strings unless told. Every amount is kept below
// 2^53 by the ledger's caps, so parsing to a JS number is exact (Number.isSafeInteger checked).
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 ${text} is beyond exact JavaScript integers`);
  return value;
});

/** SQLSTATEs after which the whole transaction may simply run again. */
const retryable = new Set(['40001', '40P01']);
const maxAttempts = 5;

function sqlState(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * PostgreSQL, for a shop that runs several app servers: a pool, READ COMMITTED transactions, and
 * bounded reruns on serialization failures and deadlocks.
 */
export function openPostgresDatabase(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  const db = drizzle(pool, { schema });
  const inWrite = new AsyncLocalStorage<true>();
  // One query handle per pooled connection, kept across transactions: statements a hot path
  // prepares on its handle (db/prepared.ts) are then built once per connection, not per transaction.
  const handles = new WeakMap<pg.PoolClient, Tx>();

  async function runOnce<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken = false;
    try {
      let handle = handles.get(client);
      if (!handle) {
        handle = drizzle(client, { schema }) as unknown as Tx;
        handles.set(client, handle);
      }
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      try {
        const result = await inWrite.run(true, () => work(handle));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  return {
    engine: 'postgres',
    read: db as unknown as Query,
    async write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      if (inWrite.getStore()) throw new NestedWriteError();
      for (let attempt = 1; ; attempt++) {
        try {
          return await runOnce(work);
        } catch (error) {
          const state = sqlState(error);
          if (attempt >= maxAttempts || !state || !retryable.has(state)) throw error;
        }
      }
    },
    async lastMigrationTime() {
      const { rows } = await pool.query<{ time: string | null }>(
        "SELECT CASE WHEN to_regclass('drizzle.__drizzle_migrations') IS NULL THEN NULL ELSE (SELECT max(created_at)::text FROM drizzle.__drizzle_migrations) END AS time",
      );
      const time = rows[0]?.time;
      return time ? Number(time) : null;
    },
    async close() {
      await pool.end();
    },
  };
}
