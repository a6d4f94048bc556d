import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { accountTokens, auditLog, users } from '@/db/schema';
import { requestEmailChange } from '@/lib/accounts/email-change';
import { inviteStaff } from '@/lib/accounts/staff';
import { attemptSignIn } from '@/lib/auth/sign-in';
import { createUser, sessionVersionOf } from '@/lib/auth/users';
import { LOCALE_COOKIE } from '@/lib/i18n/locales';
import { fakeRequest } from '@/test/helpers/fake-next';
import { linkTokenTo, mailTo } from '@/test/helpers/account-links';
import { insertTestUser } from '@/test/helpers/users';

// The account pages' actions as a browser calls them. Auth.js's signIn is a stand-in that answers
// as it does after a good password: a redirect (NEXT_REDIRECT) to where the form said.
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));
vi.mock('next/headers', () => import('@/test/helpers/fake-next').then((fake) => ({ ...fake.headers, headers: async () => new Headers() })));
vi.mock('@/auth', () => ({
  signIn: vi.fn(async (_provider: string, options: { redirectTo?: string }) => {
    throw new Error(`NEXT_REDIRECT;${options.redirectTo ?? '/'}`);
  }),
  TooManyAttempts: class extends Error {},
}));
vi.mock('next-auth', () => ({ AuthError: class extends Error {} }));

const { requestPasswordResetAction } = await import('./forgot-password/actions');
const { resetPasswordAction } = await import('./reset-password/actions');
const { confirmEmailChangeAction } = await import('./confirm-email/actions');
const { joinStaffAction, createStaffAccountAction } = await import('./staff-invitation/actions');
const { registerAccount, signInWithPassword } = await import('./actions');

const db = getDatabase();
const idle = { status: 'idle' } as const;
const noProxy = new Headers();

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    const redirect = /^NEXT_REDIRECT;(.*)$/.exec(error instanceof Error ? error.message : '');
    if (redirect) return { redirect: redirect[1] };
    throw error;
  }
}

let people = 0;
async function person(password = 'the old password') {
  people += 1;
  const user = await createUser(db, { name: `Person ${people}`, email: `person${people}@example.com`, password });
  return { ...user, password };
}

beforeEach(() => {
  fakeRequest.viewer = null;
  fakeRequest.cookies.clear();
});

describe('forgot and reset password', () => {
  it('answers a known and an unknown address alike, and e-mails only the known one', async () => {
    const known = await person();
    const forKnown = await requestPasswordResetAction(idle, form({ email: known.email }));
    const forUnknown = await requestPasswordResetAction(idle, form({ email: 'stranger@example.com' }));
    expect(forKnown).toEqual(forUnknown);
    expect(forKnown).toEqual({ status: 'success', message: expect.stringContaining('If an account exists for this address') });
    expect(await mailTo(db, known.email)).toHaveLength(1);
    expect(await mailTo(db, 'stranger@example.com')).toEqual([]);
    expect(await requestPasswordResetAction(idle, form({ email: 'not an address' }))).toMatchObject({ status: 'error', fieldErrors: { email: [expect.any(String)] } });
  });

  it('sets the new password through the link once, then sends the shopper to sign in with it', async () => {
    const user = await person();
    await requestPasswordResetAction(idle, form({ email: user.email }));
    const token = await linkTokenTo(db, user.email, 'passwordReset');

    const differ = await resetPasswordAction(idle, form({ token, password: 'brand new pass', confirmPassword: 'another one' }));
    expect(differ).toMatchObject({ status: 'error', fieldErrors: { confirmPassword: ['The passwords do not match.'] } });
    expect(JSON.stringify(differ)).not.toContain('brand new pass');

    expect(await outcome(() => resetPasswordAction(idle, form({ token, password: 'brand new pass', confirmPassword: 'brand new pass' })))).toEqual({ redirect: '/sign-in?reset=done' });
    expect((await attemptSignIn(db, { email: user.email, password: 'brand new pass' }, noProxy)).status).toBe('signed_in');

    const again = await resetPasswordAction(idle, form({ token, password: 'third password', confirmPassword: 'third password' }));
    expect(again).toMatchObject({ status: 'error', code: 'ACCOUNT_LINK_INVALID', message: expect.stringContaining('Request a new one') });
  });
});

describe('registration', () => {
  it('writes the welcome e-mail with the account, in the language it registered in', async () => {
    const email = `welcome-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const fields = { name: 'Wanda Welcome', email, password: 'long enough', confirmPassword: 'long enough', callbackUrl: '/' };
    expect(await outcome(() => registerAccount(idle, form(fields)))).toEqual({ redirect: '/' });
    const [message] = await mailTo(db, email);
    expect(message).toMatchObject({ template: 'welcome', locale: 'en', dedupeKey: expect.stringMatching(/^welcome:\d+$/) });
    expect(JSON.parse(message?.params ?? '{}')).toEqual({ name: 'Wanda Welcome' });
    const [user] = await db.read.select({ locale: users.locale }).from(users).where(eq(users.email, email));
    expect(user?.locale).toBe('en');

    expect(await registerAccount(idle, form(fields))).toMatchObject({ status: 'error', fieldErrors: { email: ['An account with this email already exists.'] } });
    expect(await mailTo(db, email)).toHaveLength(1);
  });

  it('signing in switches the shop to the language the account chose', async () => {
    const user = await person();
    await db.write((tx) => tx.update(users).set({ locale: 'tr' }).where(eq(users.id, user.id)));
    expect(await outcome(() => signInWithPassword(idle, form({ email: user.email, password: user.password, callbackUrl: '/my' })))).toEqual({ redirect: '/my' });
    expect(fakeRequest.cookies.get(LOCALE_COOKIE)).toBe('tr');
  });
});

describe('e-mail change link', () => {
  it('changes the address only when the link sent to the new address is opened, once', async () => {
    const user = await person();
    await requestEmailChange(db, { userId: user.id, newEmail: 'Moved@Example.com', currentPassword: user.password, headers: noProxy });
    const [before] = await db.read.select({ email: users.email }).from(users).where(eq(users.id, user.id));
    expect(before?.email).toBe(user.email);
    const token = await linkTokenTo(db, 'moved@example.com', 'emailChange');

    expect(await confirmEmailChangeAction(idle, form({ token }))).toMatchObject({ status: 'success', email: 'moved@example.com' });
    const [after] = await db.read.select({ email: users.email }).from(users).where(eq(users.id, user.id));
    expect(after?.email).toBe('moved@example.com');
    expect(await confirmEmailChangeAction(idle, form({ token }))).toMatchObject({ status: 'error', code: 'ACCOUNT_LINK_INVALID' });
  });
});

describe('staff invitation pages', () => {
  it('a new address sets name and password and is signed in to the Backend as staff', async () => {
    const inviter = await insertTestUser(db, 'staff');
    await inviteStaff(db, { inviterId: inviter.id, email: 'newcomer@example.com', attemptKey: crypto.randomUUID() });
    const token = await linkTokenTo(db, 'newcomer@example.com', 'staffInvite');
    const fields = { token, name: 'Nina Newstaff', password: 'staff password', confirmPassword: 'staff password' };
    expect(await outcome(() => createStaffAccountAction(idle, form(fields)))).toEqual({ redirect: '/admin' });
    const [created] = await db.read.select().from(users).where(eq(users.email, 'newcomer@example.com'));
    expect(created).toMatchObject({ name: 'Nina Newstaff', role: 'staff' });
    expect(await createStaffAccountAction(idle, form(fields))).toMatchObject({ status: 'error', code: 'ACCOUNT_LINK_INVALID' });
  });

  it('an existing account accepts with its own password, becomes staff and signs in again', async () => {
    const inviter = await insertTestUser(db, 'staff');
    const customer = await person();
    const version = await sessionVersionOf(db.read, customer.id);
    await inviteStaff(db, { inviterId: inviter.id, email: customer.email, attemptKey: crypto.randomUUID() });
    const token = await linkTokenTo(db, customer.email, 'staffInvite');

    expect(await joinStaffAction(idle, form({ token, password: 'not the password' }))).toMatchObject({
      status: 'error',
      code: 'WRONG_PASSWORD',
      fieldErrors: { password: [expect.any(String)] },
    });
    expect(await outcome(() => joinStaffAction(idle, form({ token, password: customer.password })))).toEqual({ redirect: '/sign-in?staff=joined&callbackUrl=%2Fadmin' });
    const [promoted] = await db.read.select({ role: users.role }).from(users).where(eq(users.id, customer.id));
    expect(promoted?.role).toBe('staff');
    expect(await sessionVersionOf(db.read, customer.id)).toBe((version ?? 0) + 1);
    const actions = await db.read.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectUserId, customer.id));
    expect(actions.map((row) => row.action).sort()).toEqual(['staff.invite', 'staff.join']);
    const open = await db.read.select().from(accountTokens).where(eq(accountTokens.newEmail, customer.email));
    expect(open.every((row) => row.usedAt !== null)).toBe(true);
  });
});
