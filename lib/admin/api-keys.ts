import { writeTransaction } from '@/db/transaction';
import { createApiKey, listApiKeys, revokeApiKey, type NewApiKey } from '@/lib/api/secrets';
import { recordAudit } from './audit';

/** Creates an API key pair for staff in Settings, audited; the secret is returned this once. */
export function createApiKeyForStaff(name: string, staffId: number): NewApiKey {
  return writeTransaction(() => {
    const created = createApiKey({ name, staffId });
    recordAudit({ actorId: staffId, action: 'api_key.create', details: { name: created.name, apiKey: created.apiKey } });
    return created;
  });
}

/** Revokes an API key from Settings, audited; false when it was not active. */
export function revokeApiKeyForStaff(apiKey: string, staffId: number): boolean {
  return writeTransaction(() => {
    const revoked = revokeApiKey(apiKey);
    if (revoked) recordAudit({ actorId: staffId, action: 'api_key.revoke', details: { apiKey } });
    return revoked;
  });
}

/** The keys Settings lists: name, public key, created and revoked dates (never a secret). */
export function listApiKeysForSettings() {
  return listApiKeys().map(({ id, name, apiKey, createdAt, revokedAt }) => ({ id, name, apiKey, createdAt, revokedAt }));
}
