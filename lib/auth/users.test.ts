import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { isAppError } from '@/lib/errors';
import { authenticate, createUser, endAllSessions, sessionVersionOf } from './users';

const db = getDatabase();

describe('accounts', () => {
  it('creates an account once per email, case-insensitively, and signs it in with its password', async () => {
    const user = await createUser(db, { name: ' Ada ', email: 'Ada@Example.com', password: 'correct horse' });
    expect(user).toMatchObject({ name: 'Ada', email: 'ada@example.com', role: 'customer', sessionVersion: 0 });
    await expect(createUser(db, { name: 'Other', email: 'ada@example.com', password: 'whatever1' })).rejects.toSatisfy((error) => isAppError(error, 'EMAIL_TAKEN'));
    expect(await authenticate(db.read, 'ADA@example.com', 'correct horse')).toMatchObject({ id: user.id });
    expect(await authenticate(db.read, 'ada@example.com', 'wrong horse')).toBeNull();
    expect(await authenticate(db.read, 'nobody@example.com', 'correct horse')).toBeNull();
  });

  it('ends every session by moving the session version on', async () => {
    const user = await createUser(db, { name: 'Bo', email: 'bo@example.com', password: 'correct horse' });
    expect(await sessionVersionOf(db.read, user.id)).toBe(0);
    await endAllSessions(db, user.id);
    await endAllSessions(db, user.id);
    expect(await sessionVersionOf(db.read, user.id)).toBe(2);
    expect(await sessionVersionOf(db.read, 999_999)).toBeUndefined();
  });
});
