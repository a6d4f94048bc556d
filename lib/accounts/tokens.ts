import 'server-only';
import crypto from 'node:crypto';
import { and, count, eq, gt, gte, isNull, ne, sql } from 'drizzle-orm';
import type { Query, Tx } from '@/db/database';
import { accountTokens, users, type AccountToken, type AccountTokenPurpose } from '@/db/schema';

export const HOUR_MS = 60 * 60 * 1000;

/** How long each kind of e-mailed link works. */
export const linkLifetimeMs: Record<AccountTokenPurpose, number> = {
  password_reset: HOUR_MS,
  email_change: 24 * HOUR_MS,
  staff_invite: 7 * 24 * HOUR_MS,
};

/** A new secret for a link: 32 random bytes, base64url (43 characters), and the hash that is stored. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, tokenHash: hashLinkToken(token) };
}

/** SHA-256 (hex) of a link's token: the database never holds a working link. */
export function hashLinkToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token as it comes from a URL or a form: our tokens are 43 base64url characters; anything else is no link. */
export function wellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Stores a link's hash (see newLinkToken) as a step of the transaction that e-mails it; returns the row. */
export async function insertLinkToken(
  tx: Tx,
  input: { userId: number; purpose: AccountTokenPurpose; tokenHash: string; newEmail?: string | null },
  now = new Date(),
): Promise<AccountToken> {
  const [row] = await tx
    .insert(accountTokens)
    .values({
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: input.tokenHash,
      newEmail: input.newEmail ?? null,
      expiresAt: new Date(now.getTime() + linkLifetimeMs[input.purpose]),
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error('The link token was not stored.');
  return row;
}

const usable = (purpose: AccountTokenPurpose, tokenHash: string, now: Date) =>
  and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now));

/** The link's row while it still works (unused, unexpired, of this purpose), for the page it opens; reads only. */
export async function findUsableLink(q: Query, purpose: AccountTokenPurpose, token: unknown, now = new Date()): Promise<AccountToken | undefined> {
  if (!wellFormedToken(token)) return undefined;
  const [row] = await q.select().from(accountTokens).where(usable(purpose, hashLinkToken(token), now));
  return row;
}

/**
 * Uses a link: marks it used in the same UPDATE that checks it is unused and unexpired, so two
 * clicks (on any number of servers) get one success. Undefined for an unknown, used or expired link.
 */
export async function consumeLink(tx: Tx, purpose: AccountTokenPurpose, token: unknown, now = new Date()): Promise<AccountToken | undefined> {
  if (!wellFormedToken(token)) return undefined;
  const [row] = await tx.update(accountTokens).set({ usedAt: now }).where(usable(purpose, hashLinkToken(token), now)).returning();
  return row;
}

/** Retires every open link of an account for one purpose (but `except`): a new password makes old reset links moot. */
export async function retireLinks(tx: Tx, userId: number, purpose: AccountTokenPurpose, now = new Date(), except?: number): Promise<number> {
  const rows = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        except === undefined ? undefined : ne(accountTokens.id, except),
      ),
    )
    .returning({ id: accountTokens.id });
  return rows.length;
}

/** How many links of a purpose an account was sent since `since` (used or not): the per-account throttle. */
export async function linksSentSince(q: Query, userId: number, purpose: AccountTokenPurpose, since: Date): Promise<number> {
  const [row] = await q
    .select({ n: count() })
    .from(accountTokens)
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), gte(accountTokens.createdAt, since)));
  return row?.n ?? 0;
}

/**
 * Takes the account's users row (a no-op update) so that requests for one account count and
 * insert links one at a time on PostgreSQL, as rememberAddress does; SQLite writes one at a time anyway.
 */
export async function lockAccount(tx: Tx, userId: number): Promise<void> {
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion}` })
    .where(eq(users.id, userId));
}
