import { describe, expect, it } from 'vitest';
import { insertTestUser } from '@/test/helpers/users';
import { READ_MEMORY_MS, rememberSignedRequest } from './replay';
import { createApiKey } from './secrets';

describe('replay memory', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const later = (ms: number) => new Date(now.getTime() + ms);

  function newKey(): number {
    return createApiKey({ name: 'ERP', staffId: insertTestUser('staff').id }).id;
  }

  it('forgets a read after 24 hours but remembers a state-changing request for as long as the key signs', () => {
    const apiKeyId = newKey();
    const read = { apiKeyId, method: 'GET', rnd: 'r1', signature: 'sig-read' };
    const write = { apiKeyId, method: 'POST', rnd: 'r2', signature: 'sig-write' };
    rememberSignedRequest(read, now);
    rememberSignedRequest(write, now);
    expect(() => rememberSignedRequest(read, later(READ_MEMORY_MS - 1))).toThrow(/received before/);
    expect(() => rememberSignedRequest(read, later(READ_MEMORY_MS + 1))).not.toThrow();
    expect(() => rememberSignedRequest(write, later(365 * READ_MEMORY_MS))).toThrow(/received before/);
  });

  it('keeps each key apart', () => {
    const request = { method: 'POST', rnd: 'same', signature: 'same-signature' };
    rememberSignedRequest({ ...request, apiKeyId: newKey() }, now);
    expect(() => rememberSignedRequest({ ...request, apiKeyId: newKey() }, now)).not.toThrow();
  });
});
