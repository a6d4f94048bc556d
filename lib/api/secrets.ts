import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiKeys, users, type ApiKey } from '@/db/schema';
import { authSecret } from '@/lib/config';

// The signature is sha256 over the secret itself, so the server must be able to recover it: a
// one-way hash would not do. It is encrypted with AES-256-GCM under a key derived (HKDF) from
// the auth secret, which lives outside the database; the public apiKey is bound in as associated data
// so a ciphertext copied onto another key's row does not decrypt.
function encryptionKey(): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', authSecret(), 'coffer-api-keys', 'api-key-secret-v1', 32));
}

function encryptSecret(secret: string, apiKey: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', encryptionKey(), iv);
  cipher.setAAD(Buffer.from(apiKey));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The clear secret of a key row; undefined when it cannot be decrypted (auth secret changed). */
export function decryptSecret(row: Pick<ApiKey, 'apiKey' | 'secretCiphertext'>): string | undefined {
  const [version, iv, tag, ciphertext] = row.secretCiphertext.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) return undefined;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', encryptionKey(), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(row.apiKey));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

export type NewApiKey = { id: number; name: string; apiKey: string; secretKey: string };

/** Creates a key pair acting for a staff member; the secret is returned here and never again. */
export function createApiKey(input: { name: string; staffId: number }): NewApiKey {
  const name = input.name.trim();
  if (name === '') throw new Error('An API key needs a name.');
  const staff = db.select({ role: users.role }).from(users).where(eq(users.id, input.staffId)).get();
  if (staff?.role !== 'staff') throw new Error(`User ${input.staffId} is not a staff member.`);
  const apiKey = `ck_${crypto.randomBytes(16).toString('base64url')}`;
  const secretKey = `cs_${crypto.randomBytes(32).toString('base64url')}`;
  const row = db
    .insert(apiKeys)
    .values({ name, apiKey, secretCiphertext: encryptSecret(secretKey, apiKey), staffId: input.staffId, createdAt: new Date() })
    .returning({ id: apiKeys.id })
    .get();
  return { id: row.id, name, apiKey, secretKey };
}

/** Revokes a key (by its public apiKey); true when an active key was revoked. */
export function revokeApiKey(apiKey: string): boolean {
  const result = db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.apiKey, apiKey), isNull(apiKeys.revokedAt)))
    .run();
  return result.changes === 1;
}

/** The active (not revoked) key with this public id, or undefined. */
export function findActiveApiKey(apiKey: string): ApiKey | undefined {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.apiKey, apiKey), isNull(apiKeys.revokedAt)))
    .get();
}

/** Every key, without secrets, newest first. */
export function listApiKeys(): Omit<ApiKey, 'secretCiphertext'>[] {
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, apiKey: apiKeys.apiKey, staffId: apiKeys.staffId, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .all()
    .reverse();
}
