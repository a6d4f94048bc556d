import crypto from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { apiKeys, users, type ApiKey } from '@/db/schema';
import { authSecret } from '@/lib/auth/secret';

// The signature is sha256 over the secret itself, so the server must be able to recover it: a
// one-way hash would not do. It is encrypted with AES-256-GCM under a key derived (HKDF) from
// the auth secret, which lives outside the database; the public apiKey is bound in as associated data
// so a ciphertext copied onto another key's row does not decrypt.
// The secret comes in as a parameter: `await authSecret(db)` may write (the first server stores a
// generated one), so callers read it before they open a transaction.
function encryptionKey(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'coffer-api-keys', 'api-key-secret-v1', 32));
}

function encryptSecret(secret: string, apiKey: string, keySecret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', encryptionKey(keySecret), iv);
  cipher.setAAD(Buffer.from(apiKey));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The clear secret of a key row; undefined when it cannot be decrypted (auth secret changed). */
export function decryptSecret(row: Pick<ApiKey, 'apiKey' | 'secretCiphertext'>, keySecret: string): string | undefined {
  const [version, iv, tag, ciphertext] = row.secretCiphertext.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) return undefined;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', encryptionKey(keySecret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(row.apiKey));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

export type NewApiKey = { id: number; name: string; apiKey: string; secretKey: string };

/**
 * Creates a key pair acting for a staff member, as a step of the caller's transaction; the secret
 * is returned here and never again. `keySecret` is `await authSecret(db)`, read before the transaction.
 */
export async function createApiKeyIn(tx: Tx, input: { name: string; staffId: number }, keySecret: string): Promise<NewApiKey> {
  const name = input.name.trim();
  if (name === '') throw new Error('An API key needs a name.');
  const [staff] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.staffId));
  if (staff?.role !== 'staff') throw new Error(`User ${input.staffId} is not a staff member.`);
  const apiKey = `ck_${crypto.randomBytes(16).toString('base64url')}`;
  const secretKey = `cs_${crypto.randomBytes(32).toString('base64url')}`;
  const [row] = await tx
    .insert(apiKeys)
    .values({ name, apiKey, secretCiphertext: encryptSecret(secretKey, apiKey, keySecret), staffId: input.staffId, createdAt: new Date() })
    .returning({ id: apiKeys.id });
  if (!row) throw new Error('The API key was not stored.');
  return { id: row.id, name, apiKey, secretKey };
}

/** Creates a key pair acting for a staff member in a transaction of its own (scripts, tests). */
export async function createApiKey(db: Database, input: { name: string; staffId: number }): Promise<NewApiKey> {
  const keySecret = await authSecret(db);
  return db.write((tx) => createApiKeyIn(tx, input, keySecret));
}

/** Revokes a key (by its public apiKey); true when an active key was revoked. */
export async function revokeApiKey(tx: Tx, apiKey: string): Promise<boolean> {
  const revoked = await tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.apiKey, apiKey), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length === 1;
}

/** The active (not revoked) key with this public id, or undefined. */
export async function findActiveApiKey(q: Query, apiKey: string): Promise<ApiKey | undefined> {
  const [row] = await q
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.apiKey, apiKey), isNull(apiKeys.revokedAt)));
  return row;
}

/** Every key, without secrets, newest first. */
export async function listApiKeys(q: Query): Promise<Omit<ApiKey, 'secretCiphertext'>[]> {
  return q
    .select({ id: apiKeys.id, name: apiKeys.name, apiKey: apiKeys.apiKey, staffId: apiKeys.staffId, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(desc(apiKeys.id));
}
