import 'server-only';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, Query } from '@/db/database';
import { accountTokens, addresses, users, type Address } from '@/db/schema';
import { hashPassword } from '@/lib/auth/passwords';
import { userSearchKey } from '@/lib/auth/search-key';
import { attemptSignIn } from '@/lib/auth/sign-in';
import { listAddresses } from '@/lib/delivery/addresses';
import { AppError } from '@/lib/errors';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { retireLinks } from './tokens';

export type Profile = {
  id: number;
  name: string;
  email: string;
  /** The language the shopper chose; null: the shop's (or the browser's). */
  locale: Locale | null;
  /** An e-mail change waiting for its link to be opened (the address stays `email` until then). */
  pendingEmail: { newEmail: string; expiresAt: Date } | null;
  addresses: Address[];
};

/** The profile page of My Account: the signed-in user's own data only. */
export async function getProfile(q: Query, userId: number, now = new Date()): Promise<Profile | undefined> {
  const [user] = await q.select({ id: users.id, name: users.name, email: users.email, locale: users.locale }).from(users).where(eq(users.id, userId));
  if (!user) return undefined;
  const [[pending], saved] = await Promise.all([
    q
      .select({ newEmail: accountTokens.newEmail, expiresAt: accountTokens.expiresAt })
      .from(accountTokens)
      .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, 'email_change'), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
      .orderBy(desc(accountTokens.id))
      .limit(1),
    listAddresses(q, userId, 50),
  ]);
  return {
    ...user,
    locale: isLocale(user.locale) ? user.locale : null,
    pendingEmail: pending?.newEmail ? { newEmail: pending.newEmail, expiresAt: pending.expiresAt } : null,
    addresses: saved,
  };
}

/** Changes the account's name (and its search key). */
export async function renameAccount(db: Database, userId: number, name: string): Promise<void> {
  await db.write(async (tx) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user) throw new AppError('SESSION_ENDED', {}, 'The account no longer exists.');
    const trimmed = name.trim();
    await tx.update(users).set({ name: trimmed, searchKey: userSearchKey({ name: trimmed, email: user.email }) }).where(eq(users.id, userId));
  });
}

/** Saves the language the shopper reads the shop and their e-mails in (null: the shop's). */
export async function setPreferredLanguage(db: Database, userId: number, locale: Locale | null): Promise<void> {
  await db.write(async (tx) => {
    await tx.update(users).set({ locale }).where(eq(users.id, userId));
  });
}

/**
 * Checks the signed-in user's current password before a sensitive change, counted like a sign-in
 * attempt (lib/auth/sign-in), so a borrowed session cannot guess it faster than the sign-in form
 * allows. Throws AppError TOO_MANY_ATTEMPTS or WRONG_PASSWORD; returns the account's email.
 */
export async function confirmCurrentPassword(db: Database, userId: number, password: string, headers: Headers, now = new Date()): Promise<string> {
  const [user] = await db.read.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('SESSION_ENDED', {}, 'The account no longer exists.');
  const outcome = await attemptSignIn(db, { email: user.email, password }, headers, now);
  if (outcome.status === 'throttled') throw new AppError('TOO_MANY_ATTEMPTS', {}, 'Too many wrong passwords.');
  if (outcome.status !== 'signed_in' || outcome.user.id !== userId) throw new AppError('WRONG_PASSWORD', {}, 'The current password is wrong.');
  return user.email;
}

/**
 * Password in My Account: asks for the current one, sets the new one, ends every session of the
 * account (the caller signs this browser in again with the new password) and retires open reset
 * links. Returns the email to sign in with.
 */
export async function changePassword(
  db: Database,
  input: { userId: number; currentPassword: string; newPassword: string; headers: Headers },
  now = new Date(),
): Promise<{ email: string }> {
  const email = await confirmCurrentPassword(db, input.userId, input.currentPassword, input.headers, now);
  const passwordHash = await hashPassword(input.newPassword);
  await db.write(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, input.userId));
    await retireLinks(tx, input.userId, 'password_reset', now);
  });
  return { email };
}

/** Deletes one of the shopper's own saved delivery addresses (orders keep their copy); false when it is not theirs or gone. */
export async function deleteSavedAddress(db: Database, userId: number, addressId: number): Promise<boolean> {
  const deleted = await db.write((tx) =>
    tx
      .delete(addresses)
      .where(and(eq(addresses.id, addressId), eq(addresses.userId, userId)))
      .returning({ id: addresses.id }),
  );
  return deleted.length > 0;
}

/** The language an account chose (users.locale), by email: signing in switches the shop to it. Undefined: none chosen. */
export async function preferredLocaleOf(q: Query, email: string): Promise<Locale | undefined> {
  const [row] = await q.select({ locale: users.locale }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return isLocale(row?.locale) ? row.locale : undefined;
}
