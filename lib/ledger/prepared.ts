import type { Query } from '@/db/database';

const statements = new WeakMap<Query, Map<string, unknown>>();

/**
 * A statement of the ledger's hot path, built (and prepared) once per query handle and run again
 * with new placeholder values: building SQL with the query builder costs more than running it.
 * On SQLite the handle is the process's one connection, so each statement is built once; on
 * PostgreSQL each transaction is its own handle, so a statement is reused within it.
 */
export function once<T>(q: Query, name: string, build: (q: Query) => T): T {
  let byName = statements.get(q);
  if (!byName) {
    byName = new Map();
    statements.set(q, byName);
  }
  let statement = byName.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(q);
    byName.set(name, statement);
  }
  return statement;
}
