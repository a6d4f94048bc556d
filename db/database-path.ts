import path from 'node:path';

export type DatabaseTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

/**
 * Which database DATABASE_URL names: postgres:// or postgresql:// for PostgreSQL; otherwise a
 * SQLite file (a path, or file:path), data/coffer.db when unset.
 * Kept here rather than in lib/config so that db/ depends on nothing above it.
 */
export function databaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', url };
  if (!url) return { engine: 'sqlite', file: path.resolve(process.cwd(), 'data', 'coffer.db') };
  const file = url.startsWith('file:') ? url.slice('file:'.length) : url;
  return { engine: 'sqlite', file: path.resolve(/*turbopackIgnore: true*/ process.cwd(), file) };
}

/** The SQLite file DATABASE_URL names (the data folder's home under either engine). */
export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  const target = databaseTarget(env);
  return target.engine === 'sqlite' ? target.file : path.resolve(process.cwd(), 'data', 'coffer.db');
}
