import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { insertTestUser } from '@/test/helpers/users';
import { READ_MEMORY_MS, rememberSignedRequest } from './replay';
import { createApiKey } from './secrets';

const db = getDatabase();

describe('replay memory', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const later = (ms: number) => new Date(now.getTime() + ms);

  async function newKey(): Promise<number> {
    return (await createApiKey(db, { name: 'ERP', staffId: (await insertTestUser(db, 'staff')).id })).id;
  }

  it('forgets a read after 24 hours but remembers a state-changing request for as long as the key signs', async () => {
    const apiKeyId = await newKey();
    const read = { apiKeyId, method: 'GET', rnd: 'r1', signature: 'sig-read' };
    const write = { apiKeyId, method: 'POST', rnd: 'r2', signature: 'sig-write' };
    await rememberSignedRequest(db, read, now);
    await rememberSignedRequest(db, write, now);
    await expect(rememberSignedRequest(db, read, later(READ_MEMORY_MS - 1))).rejects.toThrow(/received before/);
    await expect(rememberSignedRequest(db, read, later(READ_MEMORY_MS + 1))).resolves.toBeUndefined();
    await expect(rememberSignedRequest(db, write, later(365 * READ_MEMORY_MS))).rejects.toThrow(/received before/);
  });

  it('keeps each key apart', async () => {
    const request = { method: 'POST', rnd: 'same', signature: 'same-signature' };
    await rememberSignedRequest(db, { ...request, apiKeyId: await newKey() }, now);
    await expect(rememberSignedRequest(db, { ...request, apiKeyId: await newKey() }, now)).resolves.toBeUndefined();
  });

  it('lets exactly one of several simultaneous copies through', async () => {
    const apiKeyId = await newKey();
    const request = { apiKeyId, method: 'POST', rnd: 'twin', signature: 'twin-signature' };
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => rememberSignedRequest(db, request, now)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  });
});
