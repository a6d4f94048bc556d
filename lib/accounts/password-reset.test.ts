import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { accountTokens, users } from '@/db/schema';
import { attemptSignIn } from '@/lib/auth/sign-in';
import { MAX_FAILURES } from '@/lib/auth/throttle';
import { createUser, sessionVersionOf } from '@/lib/auth/users';
import { isAppError } from '@/lib/errors';
import { linkTokenTo, mailTo } from '@/test/helpers/account-links';
import { requestPasswordReset, resetPassword, RESET_LINKS_PER_HOUR } from './password-reset';
import { findUsableLink, hashLinkToken, HOUR_MS } from './tokens';

const db = getDatabase();
const start = new Date('2026-11-23T12:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);
const noProxy = new Headers();

let people = 0;
async function person(password = 'old password 1') {
  people += 1;
  const email = `reset${people}@example.com`;
  const user = await createUser(db, { name: `Reset ${people}`, email, password });
  return { ...user, password };
}

const invalidLink = (error: unknown) => isAppError(error, 'ACCOUNT_LINK_INVALID');

describe('forgot password', () => {
  it('e-mails a link whose token is stored only as its SHA-256, valid for an hour', async () => {
    const user = await person();
    expect(await requestPasswordReset(db, { email: ` ${user.email.toUpperCase()} `, ip: '' }, start)).toBe('sent');
    const [message] = await mailTo(db, user.email);
    expect(message).toMatchObject({ template: 'passwordReset', userId: user.id, dedupeKey: expect.stringMatching(/^password-reset:\d+$/) });
    expect(JSON.parse(message?.params ?? '{}')).toMatchObject({ name: user.name, url: expect.stringContaining('/reset-password?token=') });
    const token = await linkTokenTo(db, user.email, 'passwordReset');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [stored] = await db.read.select().from(accountTokens).where(eq(accountTokens.userId, user.id));
    expect(stored).toMatchObject({ purpose: 'password_reset', tokenHash: hashLinkToken(token), usedAt: null, expiresAt: later(HOUR_MS) });
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('answers an unknown address like a known one, and writes nothing for it', async () => {
    const before = await db.read.select().from(accountTokens);
    expect(await requestPasswordReset(db, { email: 'nobody@example.com', ip: '' }, start)).toBe('no_account');
    expect(await db.read.select().from(accountTokens)).toEqual(before);
    expect(await mailTo(db, 'nobody@example.com')).toEqual([]);
  });

  it(`sends at most ${RESET_LINKS_PER_HOUR} links per account per hour, then again after the hour`, async () => {
    const user = await person();
    const outcomes = [];
    for (let i = 0; i < RESET_LINKS_PER_HOUR + 2; i += 1) outcomes.push(await requestPasswordReset(db, { email: user.email, ip: '' }, later(i * 1000)));
    expect(outcomes).toEqual([...Array<string>(RESET_LINKS_PER_HOUR).fill('sent'), 'throttled', 'throttled']);
    expect(await mailTo(db, user.email)).toHaveLength(RESET_LINKS_PER_HOUR);
    expect(await requestPasswordReset(db, { email: user.email, ip: '' }, later(HOUR_MS + 1000))).toBe('sent');
  });

  it(`holds one client address to ${MAX_FAILURES} requests, whichever addresses it asks for`, async () => {
    const targets = await Promise.all(Array.from({ length: MAX_FAILURES + 1 }, () => person()));
    const outcomes = [];
    for (const target of targets) outcomes.push(await requestPasswordReset(db, { email: target.email, ip: '203.0.113.9' }, start));
    expect(outcomes).toEqual([...Array<string>(MAX_FAILURES).fill('sent'), 'throttled']);
    const last = targets.at(-1);
    if (!last) throw new Error('no target');
    expect(await requestPasswordReset(db, { email: last.email, ip: '203.0.113.10' }, start)).toBe('sent');
  });

  it('a link sets a new password once, ends every session and retires the other open links', async () => {
    const user = await person();
    await requestPasswordReset(db, { email: user.email, ip: '' }, start);
    const first = await linkTokenTo(db, user.email, 'passwordReset');
    await requestPasswordReset(db, { email: user.email, ip: '' }, later(1000));
    const second = await linkTokenTo(db, user.email, 'passwordReset');
    expect(second).not.toBe(first);
    const version = await sessionVersionOf(db.read, user.id);

    expect(await resetPassword(db, { token: second, password: 'new password 2' }, later(2000))).toEqual({ userId: user.id, email: user.email });
    expect(await sessionVersionOf(db.read, user.id)).toBe((version ?? 0) + 1);
    expect((await attemptSignIn(db, { email: user.email, password: 'new password 2' }, noProxy, later(3000))).status).toBe('signed_in');
    expect((await attemptSignIn(db, { email: user.email, password: user.password }, noProxy, later(3000))).status).toBe('wrong_credentials');

    await expect(resetPassword(db, { token: second, password: 'third password' }, later(4000))).rejects.toSatisfy(invalidLink);
    await expect(resetPassword(db, { token: first, password: 'third password' }, later(4000))).rejects.toSatisfy(invalidLink);
    expect((await attemptSignIn(db, { email: user.email, password: 'new password 2' }, noProxy, later(5000))).status).toBe('signed_in');
  });

  it('a link expires after an hour, and unknown or malformed tokens change nothing', async () => {
    const user = await person();
    await requestPasswordReset(db, { email: user.email, ip: '' }, start);
    const token = await linkTokenTo(db, user.email, 'passwordReset');
    const [before] = await db.read.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(await findUsableLink(db.read, 'password_reset', token, later(HOUR_MS - 1))).toBeDefined();
    expect(await findUsableLink(db.read, 'password_reset', token, later(HOUR_MS))).toBeUndefined();
    await expect(resetPassword(db, { token, password: 'too late 123' }, later(HOUR_MS))).rejects.toSatisfy(invalidLink);
    await expect(resetPassword(db, { token: 'A'.repeat(43), password: 'guessing 123' }, start)).rejects.toSatisfy(invalidLink);
    await expect(resetPassword(db, { token: "' or 1=1 --", password: 'guessing 123' }, start)).rejects.toSatisfy(invalidLink);
    const [after] = await db.read.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(after).toEqual(before);
  });

  it('two clicks on one link at once set one password', async () => {
    const user = await person();
    await requestPasswordReset(db, { email: user.email, ip: '' }, start);
    const token = await linkTokenTo(db, user.email, 'passwordReset');
    const results = await Promise.allSettled([
      resetPassword(db, { token, password: 'first click 1' }, later(1000)),
      resetPassword(db, { token, password: 'second click 2' }, later(1000)),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'rejected' && invalidLink(result.reason))).toHaveLength(1);
  });
});
