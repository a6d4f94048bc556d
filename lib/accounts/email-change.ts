import 'server-only';
import { eq } from 'drizzle-orm';
import type { Database, Query } from '@/db/database';
import { constraintViolation } from '@/db/errors';
import { users } from '@/db/schema';
import { userSearchKey } from '@/lib/auth/search-key';
import { shopUrl } from '@/lib/config';
import { AppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import { enqueueMail } from '@/lib/notifications/outbox';
import { confirmCurrentPassword } from './profile';
import { consumeLink, findUsableLink, HOUR_MS, insertLinkToken, linksSentSince, lockAccount, newLinkToken, retireLinks } from './tokens';

/** At most this many e-mail change links per account per hour. */
export const EMAIL_CHANGE_LINKS_PER_HOUR = 3;

/** The link an e-mail change message carries (sent to the new address). */
export function emailChangeUrl(token: string): string {
  return shopUrl(`/confirm-email?token=${encodeURIComponent(token)}`).toString();
}

/**
 * E-mail in My Account: after the current password, sends a link to the NEW address; the account
 * keeps its address until the link is opened (confirmEmailChange). Only the newest link works.
 * Throws AppError EMAIL_UNCHANGED, EMAIL_TAKEN, TOO_MANY_REQUESTS, WRONG_PASSWORD, TOO_MANY_ATTEMPTS.
 */
export async function requestEmailChange(
  db: Database,
  input: { userId: number; newEmail: string; currentPassword: string; headers: Headers; locale?: Locale },
  now = new Date(),
): Promise<{ newEmail: string; expiresAt: Date }> {
  const newEmail = input.newEmail.trim().toLowerCase();
  const [me] = await db.read.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
  if (me?.email === newEmail) throw new AppError('EMAIL_UNCHANGED', { email: newEmail }, 'This is already the account’s address.');
  await confirmCurrentPassword(db, input.userId, input.currentPassword, input.headers, now);
  const { token, tokenHash } = newLinkToken();
  return db.write(async (tx) => {
    const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, input.userId));
    if (!user) throw new AppError('SESSION_ENDED', {}, 'The account no longer exists.');
    await lockAccount(tx, user.id);
    if ((await linksSentSince(tx, user.id, 'email_change', new Date(now.getTime() - HOUR_MS))) >= EMAIL_CHANGE_LINKS_PER_HOUR) {
      throw new AppError('TOO_MANY_REQUESTS', {}, 'Too many e-mail change links in the last hour.');
    }
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, newEmail));
    if (taken) throw new AppError('EMAIL_TAKEN', { email: newEmail }, 'An account with this email already exists.');
    await retireLinks(tx, user.id, 'email_change', now);
    const link = await insertLinkToken(tx, { userId: user.id, purpose: 'email_change', tokenHash, newEmail }, now);
    await enqueueMail(tx, {
      dedupeKey: `email-change:${link.id}`,
      to: { address: newEmail, userId: user.id, locale: input.locale },
      template: 'emailChange',
      params: { name: user.name, url: emailChangeUrl(token), newEmail },
    });
    return { newEmail, expiresAt: link.expiresAt };
  });
}

export type EmailChangeOutcome = { status: 'changed'; userId: number; email: string } | { status: 'taken' };

/**
 * Opens an e-mail change link: the account's address becomes the new one. The link is used either
 * way; an address another account took meanwhile is refused ('taken'). An unknown, used or
 * expired link throws AppError ACCOUNT_LINK_INVALID.
 */
export async function confirmEmailChange(db: Database, token: string, now = new Date()): Promise<EmailChangeOutcome> {
  try {
    return await db.write(async (tx): Promise<EmailChangeOutcome> => {
      const link = await consumeLink(tx, 'email_change', token, now);
      if (!link?.newEmail) throw new AppError('ACCOUNT_LINK_INVALID', { purpose: 'email_change' }, 'This link is unknown, used or expired.');
      const email = link.newEmail;
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (taken) return { status: 'taken' };
      const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, link.userId));
      if (!user) throw new AppError('ACCOUNT_LINK_INVALID', { purpose: 'email_change' }, 'The account of this link no longer exists.');
      // The unique index on users.email is the guard against an account registered this very moment.
      await tx.update(users).set({ email, searchKey: userSearchKey({ name: user.name, email }) }).where(eq(users.id, link.userId));
      await retireLinks(tx, link.userId, 'email_change', now);
      return { status: 'changed', userId: link.userId, email };
    });
  } catch (error) {
    if (constraintViolation(error) === 'unique') return { status: 'taken' };
    throw error;
  }
}

/** What the confirmation page shows for a link while it works (the new address); undefined for an unknown, used or expired one. Reads only. */
export async function findEmailChangeLink(q: Query, token: unknown, now = new Date()): Promise<{ newEmail: string } | undefined> {
  const link = await findUsableLink(q, 'email_change', token, now);
  return link?.newEmail ? { newEmail: link.newEmail } : undefined;
}
