import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { accountTokens, addresses, users } from '@/db/schema';
import { requestPasswordReset } from '@/lib/accounts/password-reset';
import { attemptSignIn } from '@/lib/auth/sign-in';
import { createUser, sessionVersionOf } from '@/lib/auth/users';
import { LOCALE_COOKIE } from '@/lib/i18n/locales';
import type { Viewer } from '@/app/_server/session';
import { fakeRequest } from '@/test/helpers/fake-next';
import { mailTo } from '@/test/helpers/account-links';

// My Account > Profile as a browser calls it. Auth.js's signIn (re-issuing this browser's session
// after a password change) is a stand-in that records what it was asked.
vi.mock('@/app/_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));
vi.mock('next/headers', () => import('@/test/helpers/fake-next').then((fake) => ({ ...fake.headers, headers: async () => new Headers() })));
const signIn = vi.hoisted(() => vi.fn(async (_provider: string, _options: Record<string, unknown>) => '/'));
vi.mock('@/auth', () => ({ signIn }));

const { updateNameAction, requestEmailChangeAction, changePasswordAction, deleteAddressAction, saveLanguageAction } = await import('./actions');

const db = getDatabase();
const idle = { status: 'idle' } as const;
const noProxy = new Headers();

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

let people = 0;
async function person(password = 'my password 1') {
  people += 1;
  const user = await createUser(db, { name: `Profile ${people}`, email: `profile${people}@example.com`, password });
  return { ...user, password };
}

function as(user: { id: number; name: string; email: string } | null) {
  fakeRequest.viewer = user ? ({ id: user.id, name: user.name, email: user.email, role: 'customer' } satisfies Viewer) : null;
}

async function row(userId: number) {
  const [user] = await db.read.select().from(users).where(eq(users.id, userId));
  if (!user) throw new Error('no user');
  return user;
}

async function saveAddress(userId: number, street: string) {
  const now = new Date();
  const [saved] = await db.write((tx) =>
    tx
      .insert(addresses)
      .values({ userId, fullName: 'Ada Lovelace', address: street, city: 'London', postalCode: 'N1', country: 'GB', phone: '+44 20 0000', createdAt: now, lastUsedAt: now })
      .returning(),
  );
  if (!saved) throw new Error('no address');
  return saved;
}

beforeEach(() => {
  as(null);
  fakeRequest.cookies.clear();
  signIn.mockClear();
});

describe('a visitor', () => {
  it('is asked to sign in again by every profile action, and nothing changes', async () => {
    const someone = await person();
    const address = await saveAddress(someone.id, '1 Visitor Street');
    const before = await row(someone.id);
    const answers = [
      await updateNameAction(idle, form({ name: 'Mallory' })),
      await requestEmailChangeAction(idle, form({ newEmail: 'mallory@example.com', currentPassword: 'x' })),
      await changePasswordAction(idle, form({ currentPassword: 'x', password: 'long enough', confirmPassword: 'long enough' })),
      await deleteAddressAction(idle, form({ addressId: address.id })),
      await saveLanguageAction(idle, form({ locale: 'tr' })),
    ];
    for (const answer of answers) expect(answer).toMatchObject({ status: 'error', code: 'SESSION_ENDED', message: expect.stringMatching(/sign in again/) });
    expect(await row(someone.id)).toEqual(before);
    expect(await db.read.select().from(addresses).where(eq(addresses.id, address.id))).toHaveLength(1);
  });
});

describe('the profile', () => {
  it('renames the signed-in account only', async () => {
    const me = await person();
    const other = await person();
    as(me);
    expect(await updateNameAction(idle, form({ name: '  Ada King  ', userId: other.id }))).toMatchObject({ status: 'success' });
    expect(await row(me.id)).toMatchObject({ name: 'Ada King', searchKey: expect.stringContaining('ada king') });
    expect((await row(other.id)).name).toBe(other.name);
    expect(await updateNameAction(idle, form({ name: ' ' }))).toMatchObject({ status: 'error', fieldErrors: { name: ['Enter your name.'] } });
  });

  it('changes the e-mail only through the link sent to the new address, after the current password', async () => {
    const me = await person();
    const taken = await person();
    as(me);
    const wrong = await requestEmailChangeAction(idle, form({ newEmail: 'new-home@example.com', currentPassword: 'not mine' }));
    expect(wrong).toMatchObject({ status: 'error', code: 'WRONG_PASSWORD', fieldErrors: { currentPassword: ['That is not your current password.'] } });
    expect(JSON.stringify(wrong)).not.toContain('not mine');
    expect(await requestEmailChangeAction(idle, form({ newEmail: taken.email, currentPassword: me.password }))).toMatchObject({
      status: 'error',
      fieldErrors: { newEmail: ['An account with this email already exists.'] },
    });
    expect(await requestEmailChangeAction(idle, form({ newEmail: me.email, currentPassword: me.password }))).toMatchObject({
      status: 'error',
      code: 'EMAIL_UNCHANGED',
    });
    expect(await mailTo(db, taken.email)).toEqual([]);

    const sent = await requestEmailChangeAction(idle, form({ newEmail: 'New-Home@example.com', currentPassword: me.password }));
    expect(sent).toMatchObject({ status: 'success', message: expect.stringContaining('new-home@example.com') });
    const [message] = await mailTo(db, 'new-home@example.com');
    expect(message).toMatchObject({ template: 'emailChange', userId: me.id });
    expect(JSON.parse(message?.params ?? '{}')).toMatchObject({ newEmail: 'new-home@example.com', url: expect.stringContaining('/confirm-email?token=') });
    expect((await row(me.id)).email).toBe(me.email);
  });

  it('changes the password after the current one, ends the other sessions and signs this browser in again', async () => {
    const me = await person();
    as(me);
    await requestPasswordReset(db, { email: me.email, ip: '' });
    const version = await sessionVersionOf(db.read, me.id);

    const wrong = await changePasswordAction(idle, form({ currentPassword: 'wrong one', password: 'brand new one', confirmPassword: 'brand new one' }));
    expect(wrong).toMatchObject({ status: 'error', fieldErrors: { currentPassword: [expect.any(String)] } });
    expect(await sessionVersionOf(db.read, me.id)).toBe(version);

    const changed = await changePasswordAction(idle, form({ currentPassword: me.password, password: 'brand new one', confirmPassword: 'brand new one' }));
    expect(changed).toMatchObject({ status: 'success', message: expect.stringContaining('Every other session was signed out') });
    expect(JSON.stringify(changed)).not.toContain('brand new one');
    expect(await sessionVersionOf(db.read, me.id)).toBe((version ?? 0) + 1);
    expect(signIn).toHaveBeenCalledWith('credentials', { email: me.email, password: 'brand new one', redirect: false });
    expect((await attemptSignIn(db, { email: me.email, password: 'brand new one' }, noProxy)).status).toBe('signed_in');
    expect((await attemptSignIn(db, { email: me.email, password: me.password }, noProxy)).status).toBe('wrong_credentials');
    const resetLinks = await db.read.select().from(accountTokens).where(eq(accountTokens.userId, me.id));
    expect(resetLinks.length).toBeGreaterThan(0);
    expect(resetLinks.every((link) => link.usedAt !== null)).toBe(true);
  });

  it("deletes the shopper's own saved address, never another shopper's", async () => {
    const me = await person();
    const other = await person();
    const mine = await saveAddress(me.id, '2 Mine Road');
    const theirs = await saveAddress(other.id, '3 Theirs Road');
    as(me);
    expect(await deleteAddressAction(idle, form({ addressId: theirs.id }))).toMatchObject({ status: 'error', message: 'This address was already deleted.' });
    expect(await db.read.select().from(addresses).where(eq(addresses.id, theirs.id))).toHaveLength(1);
    expect(await deleteAddressAction(idle, form({ addressId: mine.id }))).toMatchObject({ status: 'success' });
    expect(await db.read.select().from(addresses).where(eq(addresses.id, mine.id))).toEqual([]);
  });

  it('saves the preferred language on the account and in the language cookie', async () => {
    const me = await person();
    as(me);
    expect(await saveLanguageAction(idle, form({ locale: 'tr' }))).toMatchObject({ status: 'success' });
    expect((await row(me.id)).locale).toBe('tr');
    expect(fakeRequest.cookies.get(LOCALE_COOKIE)).toBe('tr');
    expect(await saveLanguageAction(idle, form({ locale: 'de' }))).toMatchObject({ status: 'error', fieldErrors: { locale: [expect.any(String)] } });
    expect((await row(me.id)).locale).toBe('tr');
  });
});
