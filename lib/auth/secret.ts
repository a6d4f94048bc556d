import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { databasePath } from '@/db/database-path';
import type { Database } from '@/db/database';
import { settings } from '@/db/schema';

/** The settings row that holds the generated secret (not an editable setting: getSettings never reads it). */
export const AUTH_SECRET_KEY = 'auth_secret';

const loaded = new WeakMap<Database, Promise<string>>();

/**
 * The secret that signs session cookies, known-device cookies and API key secrets: AUTH_SECRET,
 * or one generated on first use and stored in the database, so a fresh clone works, sessions
 * survive restarts, and every app server on one PostgreSQL agrees on it (the first server's insert
 * wins, ON CONFLICT DO NOTHING; everyone reads back the stored row). Kept in memory once read:
 * the row is written once and never changes.
 */
export function authSecret(db: Database): Promise<string> {
  const fromEnv = process.env.AUTH_SECRET?.trim();
  if (fromEnv) return Promise.resolve(fromEnv);
  let secret = loaded.get(db);
  if (!secret) {
    secret = loadOrCreate(db);
    loaded.set(db, secret);
    secret.catch(() => loaded.delete(db));
  }
  return secret;
}

async function stored(db: Database): Promise<string | undefined> {
  const [row] = await db.read.select({ value: settings.value }).from(settings).where(eq(settings.key, AUTH_SECRET_KEY));
  return row ? (JSON.parse(row.value) as string) : undefined;
}

/** Before the secret lived in the database, SQLite shops kept it in data/auth-secret: keep using it. */
function earlierFileSecret(): string | undefined {
  try {
    return fs.readFileSync(path.join(path.dirname(databasePath()), 'auth-secret'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

async function loadOrCreate(db: Database): Promise<string> {
  const existing = await stored(db);
  if (existing) return existing;
  const candidate = earlierFileSecret() ?? crypto.randomBytes(32).toString('base64url');
  await db.write(async (tx) => {
    await tx.insert(settings).values({ key: AUTH_SECRET_KEY, value: JSON.stringify(candidate) }).onConflictDoNothing({ target: settings.key });
  });
  const secret = await stored(db);
  if (!secret) throw new Error('The generated session secret could not be stored.');
  return secret;
}
