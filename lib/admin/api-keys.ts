import type { Database, Query } from '@/db/database';
import { createApiKeyIn, listApiKeys, revokeApiKey, type NewApiKey } from '@/lib/api/secrets';
import { authSecret } from '@/lib/auth/secret';
import { recordAudit } from './audit';

/** Creates an API key pair for staff in Settings, audited; the secret is returned this once. */
export async function createApiKeyForStaff(db: Database, name: string, staffId: number): Promise<NewApiKey> {
  const secret = await authSecret(db);
  return db.write(async (tx) => {
    const created = await createApiKeyIn(tx, { name, staffId }, secret);
    await recordAudit(tx, { actorId: staffId, action: 'api_key.create', details: { name: created.name, apiKey: created.apiKey } });
    return created;
  });
}

/** Revokes an API key from Settings, audited; false when it was not active. */
export async function revokeApiKeyForStaff(db: Database, apiKey: string, staffId: number): Promise<boolean> {
  return db.write(async (tx) => {
    const revoked = await revokeApiKey(tx, apiKey);
    if (revoked) await recordAudit(tx, { actorId: staffId, action: 'api_key.revoke', details: { apiKey } });
    return revoked;
  });
}

/** The keys Settings lists: name, public key, created and revoked dates (never a secret). */
export async function listApiKeysForSettings(q: Query) {
  return (await listApiKeys(q)).map(({ id, name, apiKey, createdAt, revokedAt }) => ({ id, name, apiKey, createdAt, revokedAt }));
}
