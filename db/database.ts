import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './sqlite/schema';

/**
 * What lib code queries with, whichever engine runs. Its shape is drizzle's async SQLite builder;
 * under PostgreSQL the same calls run on drizzle's pg builder, with tables of the same names and
 * columns (db/schema-parity.test.ts keeps them equal). Await builders directly: `.get()`, `.all()`
 * and `.run()` exist only on SQLite (test/store-seam.test.ts refuses them in lib/).
 */
export type Query = BaseSQLiteDatabase<'async', unknown, typeof schema>;

declare const inWriteTransaction: unique symbol;
/** A Query bound to one open write transaction: what state-changing lib functions take. */
export type Tx = Query & { readonly [inWriteTransaction]: true };

export type EngineName = 'sqlite' | 'postgres';

/** The store seam: reads, and write transactions that commit together or not at all. */
export interface Database {
  readonly engine: EngineName;
  /** Reads outside a transaction (committed data only). */
  readonly read: Query;
  /**
   * Runs `work` in one write transaction and commits when it resolves. On PostgreSQL a
   * serialization failure or deadlock reruns `work` (a bounded number of times), so `work` must
   * do nothing but database work: call providers before or after, never inside.
   */
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** When the newest applied migration was made (its journal time), or null before any; throws when unreachable. */
  lastMigrationTime(): Promise<number | null>;
  close(): Promise<void>;
}

/** Thrown when write() is called inside write(): pass the open `tx` down instead. */
export class NestedWriteError extends Error {
  constructor() {
    super('db.write() was called inside another write transaction; pass its tx down instead.');
    this.name = 'NestedWriteError';
  }
}
