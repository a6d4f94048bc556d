import 'server-only';
import { and, count, eq, gte, isNull, lt, lte, type SQL } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { signInFailures, signInLocks } from '@/db/schema';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

/** Who is trying: the account, the client's address ('' unknown) and a known device, if any. */
export type SignInAttempt = { email: string; ip: string; deviceId?: string };

/**
 * Loopback and unknown addresses are not throttled as addresses: every request through a local
 * reverse proxy would share them, and one guesser would lock everybody out. Accounts still are.
 */
function countsAsAddress(ip: string): boolean {
  return ip !== '' && ip !== '::1' && !ip.startsWith('127.') && !ip.startsWith('::ffff:127.');
}

async function recentAttempts(q: Query, since: Date, ...who: SQL[]): Promise<number> {
  const [row] = await q.select({ n: count() }).from(signInFailures).where(and(gte(signInFailures.failedAt, since), ...who));
  return row?.n ?? 0;
}

/**
 * A known device answers only for its own attempts on that account, so a guesser elsewhere
 * cannot lock the owner's browser out; any other attempt is held to the account and the address.
 */
async function throttled(q: Query, { email, ip, deviceId }: SignInAttempt, since: Date): Promise<boolean> {
  const full = async (...who: SQL[]) => (await recentAttempts(q, since, ...who)) >= MAX_FAILURES;
  if (deviceId) return full(eq(signInFailures.email, email), eq(signInFailures.deviceId, deviceId));
  if (await full(eq(signInFailures.email, email))) return true;
  return countsAsAddress(ip) && full(eq(signInFailures.ip, ip));
}

/**
 * Takes the attempt's lock rows (the account's, then the address's: always in that order, so two
 * attempts never wait on each other in a cycle). On PostgreSQL the upsert locks each row until
 * commit, so attempts on one account count and insert one at a time even on several servers;
 * SQLite runs write transactions one at a time anyway.
 */
async function lockAttempt(tx: Tx, attempt: SignInAttempt, now: Date): Promise<void> {
  const keys = [`email:${attempt.email}`];
  if (countsAsAddress(attempt.ip)) keys.push(`ip:${attempt.ip}`);
  for (const key of keys) {
    await tx.insert(signInLocks).values({ key, touchedAt: now }).onConflictDoUpdate({ target: signInLocks.key, set: { touchedAt: now } });
  }
}

/**
 * Counts a sign-in attempt before its password is checked, in one write transaction serialized
 * per account, so a burst of parallel attempts (on any number of servers) gets MAX_FAILURES checks
 * and no more. Returns the attempt's id, or undefined when it must be refused unchecked. It counts
 * as a failure until signInSucceeded.
 */
export async function claimSignInAttempt(db: Database, attempt: SignInAttempt, now = new Date()): Promise<number | undefined> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const claimed = await db.write(async (tx) => {
    await lockAttempt(tx, attempt, now);
    await tx.delete(signInFailures).where(lt(signInFailures.failedAt, since));
    if (await throttled(tx, attempt, since)) return undefined;
    const ip = countsAsAddress(attempt.ip) ? attempt.ip : '';
    const [row] = await tx
      .insert(signInFailures)
      .values({ email: attempt.email, ip, deviceId: attempt.deviceId ?? null, failedAt: now })
      .returning({ id: signInFailures.id });
    return row?.id;
  });
  // Stale lock rows go in a transaction of their own, holding no other lock while it waits for one.
  await db.write(async (tx) => {
    await tx.delete(signInLocks).where(lt(signInLocks.touchedAt, since));
  });
  return claimed;
}

/**
 * The password of attempt `attemptId` matched: it and the earlier attempts from the same device
 * (or, without one, the same address) stop counting. A guesser's attempts elsewhere, or claimed
 * after it, still count: the owner signing in must not hand a guesser fresh tries.
 */
export async function signInSucceeded(db: Database, attempt: SignInAttempt, attemptId: number): Promise<void> {
  const source = attempt.deviceId
    ? eq(signInFailures.deviceId, attempt.deviceId)
    : and(isNull(signInFailures.deviceId), eq(signInFailures.ip, countsAsAddress(attempt.ip) ? attempt.ip : ''));
  await db.write(async (tx) => {
    await tx.delete(signInFailures).where(and(eq(signInFailures.email, attempt.email), lte(signInFailures.id, attemptId), source));
  });
}
