import { describe, expect, it } from 'vitest';
import { authenticate, createUser, endAllSessions, EmailTakenError, sessionVersionOf } from './users';

describe('accounts', () => {
  it('creates an account once per email, case-insensitively, and signs it in with its password', async () => {
    const user = await createUser({ name: ' Ada ', email: 'Ada@Example.com', password: 'correct horse' });
    expect(user).toMatchObject({ name: 'Ada', email: 'ada@example.com', role: 'customer', sessionVersion: 0 });
    await expect(createUser({ name: 'Other', email: 'ada@example.com', password: 'whatever1' })).rejects.toBeInstanceOf(EmailTakenError);
    expect(await authenticate('ADA@example.com', 'correct horse')).toMatchObject({ id: user.id });
    expect(await authenticate('ada@example.com', 'wrong horse')).toBeNull();
    expect(await authenticate('nobody@example.com', 'correct horse')).toBeNull();
  });

  it('ends every session by moving the session version on', async () => {
    const user = await createUser({ name: 'Bo', email: 'bo@example.com', password: 'correct horse' });
    expect(sessionVersionOf(user.id)).toBe(0);
    endAllSessions(user.id);
    endAllSessions(user.id);
    expect(sessionVersionOf(user.id)).toBe(2);
    expect(sessionVersionOf(999_999)).toBeUndefined();
  });
});
