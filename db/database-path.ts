import path from 'node:path';

/**
 * Where the SQLite file lives: DATABASE_URL (a path, or file:path) or data/coffer.db.
 * Kept here rather than in lib/config so that db/ depends on nothing above it.
 */
export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) return path.resolve(process.cwd(), 'data', 'coffer.db');
  const file = url.startsWith('file:') ? url.slice('file:'.length) : url;
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}
