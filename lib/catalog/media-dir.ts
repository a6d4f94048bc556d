import path from 'node:path';
import { databaseTarget } from '@/db/database-path';

/**
 * Where uploaded images are kept: MEDIA_DIR when set (relative to the working folder); otherwise
 * a "media" folder beside the SQLite file (data/media for the default data/coffer.db), or
 * data/media in the working folder on PostgreSQL.
 */
export function mediaDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.MEDIA_DIR?.trim();
  if (configured) return path.resolve(/*turbopackIgnore: true*/ process.cwd(), configured);
  const target = databaseTarget(env);
  if (target.engine === 'sqlite') return path.join(path.dirname(target.file), 'media');
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'data', 'media');
}
