import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { decryptSecret, findActiveApiKey } from '@/lib/api/secrets';
import { authSecret } from '@/lib/auth/secret';
import { insertTestUser } from '@/test/helpers/users';
import { listAuditLog } from './audit';
import { createApiKeyForStaff, listApiKeysForSettings, revokeApiKeyForStaff } from './api-keys';

const db = getDatabase();

describe('API keys in Settings', () => {
  it('creates a key whose secret is shown once and kept only encrypted, then revokes it, both audited', async () => {
    const staff = await insertTestUser(db, 'staff');
    const created = await createApiKeyForStaff(db, 'ERP', staff.id);
    const stored = await findActiveApiKey(db.read, created.apiKey);
    expect(stored?.secretCiphertext).not.toContain(created.secretKey);
    expect(stored && decryptSecret(stored, await authSecret(db))).toBe(created.secretKey);
    const listed = (await listApiKeysForSettings(db.read)).find((key) => key.apiKey === created.apiKey);
    expect(listed).toMatchObject({ name: 'ERP', revokedAt: null });
    expect(JSON.stringify(await listApiKeysForSettings(db.read))).not.toContain(created.secretKey);

    expect(await revokeApiKeyForStaff(db, created.apiKey, staff.id)).toBe(true);
    expect(await revokeApiKeyForStaff(db, created.apiKey, staff.id)).toBe(false);
    expect(await findActiveApiKey(db.read, created.apiKey)).toBeUndefined();
    const actions = (await listAuditLog(db.read, { page: 1 })).rows.map((row) => row.action);
    expect(actions.filter((action) => action.startsWith('api_key.'))).toEqual(['api_key.revoke', 'api_key.create']);
  });
});
