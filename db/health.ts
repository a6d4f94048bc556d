import fs from 'node:fs';
import path from 'node:path';
import type { Database, EngineName } from './database';

export type Health = { ok: boolean; engine: EngineName; database: 'reachable' | 'unreachable'; migrations: 'current' | 'behind' | 'unknown' };

/** The journal time of the newest migration this build ships for the engine. */
function newestShippedMigration(engine: EngineName): number {
  const journal = path.resolve(process.cwd(), 'db', engine, 'migrations', 'meta', '_journal.json');
  const { entries } = JSON.parse(fs.readFileSync(journal, 'utf8')) as { entries: { when: number }[] };
  return Math.max(...entries.map((entry) => entry.when));
}

/** Readiness for a load balancer: the database answers and its schema is what this build expects. */
export async function checkHealth(database: Database): Promise<Health> {
  let applied: number | null;
  try {
    applied = await database.lastMigrationTime();
  } catch {
    return { ok: false, engine: database.engine, database: 'unreachable', migrations: 'unknown' };
  }
  const current = applied !== null && applied >= newestShippedMigration(database.engine);
  return { ok: current, engine: database.engine, database: 'reachable', migrations: current ? 'current' : 'behind' };
}
