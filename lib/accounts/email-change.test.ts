import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { users } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { isAppError } from '@/lib/errors';
import { linkTokenTo } from '@/test/helpers/account-links';
import { confirmEmailChange, EMAIL_CHANGE_LINKS_PER_HOUR, findEmailChangeLink, requestEmailChange } from './email-change';
import { getProfile } from './profile';
import { HOUR_MS } from './tokens';

const db = getDatabase();
const noProxy = new Headers();
const start = new Date('2026-11-23T12:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);

let people = 0;
async function person() {
  people += 1;
  const password = 'email change password';
  const user = await createUser(db, { name: `Mover ${people}`, email: `mover${people}@example.com`, password });
  return { ...user, password };
}

async function emailOf(userId: number) {
  const [row] = await db.read.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email;
}

const ask = (user: { id: number; password: string }, newEmail: string, at = start) =>
  requestEmailChange(db, { userId: user.id, newEmail, currentPassword: user.password, headers: noProxy }, at);

describe('e-mail change', () => {
  it('keeps the old address until the link is opened; the profile shows the change waiting', async () => {
    const user = await person();
    expect(await ask(user, 'waiting@example.com')).toEqual({ newEmail: 'waiting@example.com', expiresAt: later(24 * HOUR_MS) });
    expect(await emailOf(user.id)).toBe(user.email);
    expect((await getProfile(db.read, user.id, start))?.pendingEmail).toEqual({ newEmail: 'waiting@example.com', expiresAt: later(24 * HOUR_MS) });
    const token = await linkTokenTo(db, 'waiting@example.com', 'emailChange');
    expect(await findEmailChangeLink(db.read, token, start)).toEqual({ newEmail: 'waiting@example.com' });
    expect(await confirmEmailChange(db, token, later(1000))).toEqual({ status: 'changed', userId: user.id, email: 'waiting@example.com' });
    expect(await emailOf(user.id)).toBe('waiting@example.com');
    expect((await getProfile(db.read, user.id, later(1000)))?.pendingEmail).toBeNull();
  });

  it('refuses an address another account took meanwhile, and uses the link up', async () => {
    const user = await person();
    await ask(user, 'contested@example.com');
    const token = await linkTokenTo(db, 'contested@example.com', 'emailChange');
    await createUser(db, { name: 'Quicker', email: 'contested@example.com', password: 'someone else' });
    expect(await confirmEmailChange(db, token, later(1000))).toEqual({ status: 'taken' });
    expect(await emailOf(user.id)).toBe(user.email);
    await expect(confirmEmailChange(db, token, later(2000))).rejects.toSatisfy((error) => isAppError(error, 'ACCOUNT_LINK_INVALID'));
  });

  it('only the newest link works, for 24 hours', async () => {
    const user = await person();
    await ask(user, 'first-choice@example.com');
    const first = await linkTokenTo(db, 'first-choice@example.com', 'emailChange');
    await ask(user, 'second-choice@example.com', later(1000));
    const second = await linkTokenTo(db, 'second-choice@example.com', 'emailChange');
    await expect(confirmEmailChange(db, first, later(2000))).rejects.toSatisfy((error) => isAppError(error, 'ACCOUNT_LINK_INVALID'));
    await expect(confirmEmailChange(db, second, later(24 * HOUR_MS + 1000))).rejects.toSatisfy((error) => isAppError(error, 'ACCOUNT_LINK_INVALID'));
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it(`sends at most ${EMAIL_CHANGE_LINKS_PER_HOUR} links an hour, and none without the current password`, async () => {
    const user = await person();
    await expect(requestEmailChange(db, { userId: user.id, newEmail: 'x@example.com', currentPassword: 'wrong', headers: noProxy }, start)).rejects.toSatisfy((error) =>
      isAppError(error, 'WRONG_PASSWORD'),
    );
    for (let i = 0; i < EMAIL_CHANGE_LINKS_PER_HOUR; i += 1) await ask(user, `try${i}@example.com`, later(i * 1000));
    await expect(ask(user, 'one-more@example.com', later(10_000))).rejects.toSatisfy((error) => isAppError(error, 'TOO_MANY_REQUESTS'));
    expect(await ask(user, 'one-more@example.com', later(HOUR_MS + 1000))).toMatchObject({ newEmail: 'one-more@example.com' });
  });
});
