import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database, Query } from '@/db/database';
import { users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/passwords';
import { claimLinkRequest } from '@/lib/auth/request-throttle';
import { shopUrl } from '@/lib/config';
import { AppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import { enqueueMail } from '@/lib/notifications/outbox';
import { consumeLink, findUsableLink, HOUR_MS, insertLinkToken, linksSentSince, lockAccount, newLinkToken, retireLinks } from './tokens';

/** At most this many reset links per account per hour; beyond it the same answer and no e-mail. */
export const RESET_LINKS_PER_HOUR = 3;

/** The link a reset e-mail carries. */
export function passwordResetUrl(token: string): string {
  return shopUrl(`/reset-password?token=${encodeURIComponent(token)}`).toString();
}

/**
 * "Forgot password?": e-mails a single-use link (valid 1 hour) to the account with this address.
 * The caller answers the same whatever happens here — no account, throttled, or sent — and the
 * work is the same too (a token is made and hashed, the same lookups run), so neither the answer
 * nor its timing says whether the address has an account. Returns what happened, for tests and logs only.
 */
export async function requestPasswordReset(
  db: Database,
  input: { email: string; ip: string; locale?: Locale },
  now = new Date(),
): Promise<'sent' | 'no_account' | 'throttled'> {
  const email = input.email.trim().toLowerCase();
  const { token, tokenHash } = newLinkToken();
  const addressAllowed = await claimLinkRequest(db, 'password_reset', input.ip, now);
  return db.write(async (tx) => {
    const [user] = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.email, email));
    if (!user) return 'no_account';
    await lockAccount(tx, user.id);
    const recent = await linksSentSince(tx, user.id, 'password_reset', new Date(now.getTime() - HOUR_MS));
    if (!addressAllowed || recent >= RESET_LINKS_PER_HOUR) return 'throttled';
    const link = await insertLinkToken(tx, { userId: user.id, purpose: 'password_reset', tokenHash }, now);
    await enqueueMail(tx, {
      dedupeKey: `password-reset:${link.id}`,
      to: { address: user.email, userId: user.id, locale: input.locale },
      template: 'passwordReset',
      params: { name: user.name, url: passwordResetUrl(token) },
    });
    return 'sent';
  });
}

/**
 * Sets a new password through a reset link: uses the link (once; an unknown, used or expired one
 * throws AppError ACCOUNT_LINK_INVALID and changes nothing), ends every session of the account and
 * retires its other reset links. Returns the account's email, to sign in with.
 */
export async function resetPassword(db: Database, input: { token: string; password: string }, now = new Date()): Promise<{ userId: number; email: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.write(async (tx) => {
    const link = await consumeLink(tx, 'password_reset', input.token, now);
    if (!link) throw new AppError('ACCOUNT_LINK_INVALID', { purpose: 'password_reset' }, 'This reset link is unknown, used or expired.');
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, link.userId))
      .returning({ id: users.id, email: users.email });
    if (!user) throw new AppError('ACCOUNT_LINK_INVALID', { purpose: 'password_reset' }, 'The account of this link no longer exists.');
    await retireLinks(tx, user.id, 'password_reset', now);
    return { userId: user.id, email: user.email };
  });
}

/** What the reset page shows for a link while it works (the account's address); undefined for an unknown, used or expired one. Reads only. */
export async function findResetLink(q: Query, token: unknown, now = new Date()): Promise<{ email: string } | undefined> {
  const link = await findUsableLink(q, 'password_reset', token, now);
  if (!link) return undefined;
  const [user] = await q.select({ email: users.email }).from(users).where(eq(users.id, link.userId));
  return user;
}
