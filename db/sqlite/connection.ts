import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

/**
 * Opens a connection with the settings a wallet needs (WAL, FULL sync, foreign keys). A reading
 * connection refuses writes (query_only); in WAL it sees every committed transaction, none in flight.
 */
export function openSqlite(file: string, role: Role = 'write'): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  if (role === 'read') sqlite.pragma('query_only = ON');
  return sqlite;
}

export type Role = 'write' | 'read';

type Connection = { sqlite: Database.Database; db: Db };
// Kept on globalThis so that dev-mode reloads reuse the connection instead of opening more.
const connections = ((globalThis as { cofferConnections?: Map<string, Connection> }).cofferConnections ??=
  new Map<string, Connection>());

/** The process's writing (or reading) connection to `file`, opened on first use. */
export function connect(file: string, role: Role = 'write'): Connection {
  const key = `${role}:${file}`;
  let connection = connections.get(key);
  if (!connection) {
    const sqlite = openSqlite(file, role);
    connection = { sqlite, db: drizzle(sqlite, { schema }) };
    connections.set(key, connection);
  }
  return connection;
}
