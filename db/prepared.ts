import type { Query } from './database';

const statements = new WeakMap<Query, Map<string, unknown>>();

/**
 * A hot-path statement built and prepared once per query handle, then run again with new
 * placeholder values (building SQL with the query builder costs more than running it). On SQLite
 * the handle is the process's connection, so it is built once. On PostgreSQL each transaction is
 * a handle of its own, but the statement is prepared under its name, and the pool's connections
 * keep a named statement parsed and planned after its first use.
 */
export function preparedOnce<P>(q: Query, name: string, build: (q: Query) => { prepare(): P }): P {
  let byName = statements.get(q);
  if (!byName) {
    byName = new Map();
    statements.set(q, byName);
  }
  let statement = byName.get(name) as P | undefined;
  if (statement === undefined) {
    const builder = build(q);
    // SQLite's prepare() takes no name and ignores one; PostgreSQL's prepare(name) needs it.
    statement = (builder.prepare as (this: typeof builder, name: string) => P).call(builder, `coffer_${name}`);
    byName.set(name, statement);
  }
  return statement;
}
