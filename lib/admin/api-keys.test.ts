import { describe, expect, it } from 'vitest';
import { insertTestUser } from '@/test/helpers/users';
import { decryptSecret, findActiveApiKey } from '@/lib/api/secrets';
import { listAuditLog } from './audit';
import { createApiKeyForStaff, listApiKeysForSettings, revokeApiKeyForStaff } from './api-keys';

describe('API keys in Settings', () => {
  it('creates a key whose secret is shown once and kept only encrypted, then revokes it, both audited', () => {
    const staff = insertTestUser('staff');
    const created = createApiKeyForStaff('ERP', staff.id);
    const stored = findActiveApiKey(created.apiKey);
    expect(stored?.secretCiphertext).not.toContain(created.secretKey);
    expect(stored && decryptSecret(stored)).toBe(created.secretKey);
    const listed = listApiKeysForSettings().find((key) => key.apiKey === created.apiKey);
    expect(listed).toMatchObject({ name: 'ERP', revokedAt: null });
    expect(JSON.stringify(listApiKeysForSettings())).not.toContain(created.secretKey);

    expect(revokeApiKeyForStaff(created.apiKey, staff.id)).toBe(true);
    expect(revokeApiKeyForStaff(created.apiKey, staff.id)).toBe(false);
    expect(findActiveApiKey(created.apiKey)).toBeUndefined();
    const actions = listAuditLog({ page: 1 }).rows.map((row) => row.action);
    expect(actions.filter((action) => action.startsWith('api_key.'))).toEqual(['api_key.revoke', 'api_key.create']);
  });
});
