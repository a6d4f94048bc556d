import 'server-only';
import { and, count, eq, gte, isNull, lt, lte, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { signInFailures } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';

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

function recentAttempts(since: Date, ...who: SQL[]): number {
  return db.select({ n: count() }).from(signInFailures).where(and(gte(signInFailures.failedAt, since), ...who)).get()?.n ?? 0;
}

/**
 * A known device answers only for its own attempts on that account, so a guesser elsewhere
 * cannot lock the owner's browser out; any other attempt is held to the account and the address.
 */
function throttled({ email, ip, deviceId }: SignInAttempt, since: Date): boolean {
  const full = (...who: SQL[]) => recentAttempts(since, ...who) >= MAX_FAILURES;
  if (deviceId) return full(eq(signInFailures.email, email), eq(signInFailures.deviceId, deviceId));
  if (full(eq(signInFailures.email, email))) return true;
  return countsAsAddress(ip) && full(eq(signInFailures.ip, ip));
}

/**
 * Counts a sign-in attempt before its password is checked, in one write transaction, so a burst
 * of parallel attempts (on any number of servers) gets MAX_FAILURES checks and no more. Returns the
 * attempt's id, or undefined when it must be refused unchecked. It counts as a failure until
 * signInSucceeded.
 */
export function claimSignInAttempt(attempt: SignInAttempt, now = new Date()): number | undefined {
  const since = new Date(now.getTime() - WINDOW_MS);
  return writeTransaction(() => {
    db.delete(signInFailures).where(lt(signInFailures.failedAt, since)).run();
    if (throttled(attempt, since)) return undefined;
    const ip = countsAsAddress(attempt.ip) ? attempt.ip : '';
    return db
      .insert(signInFailures)
      .values({ email: attempt.email, ip, deviceId: attempt.deviceId ?? null, failedAt: now })
      .returning({ id: signInFailures.id })
      .get().id;
  });
}

/**
 * The password of attempt `attemptId` matched: it and the earlier attempts from the same device
 * (or, without one, the same address) stop counting. A guesser's attempts elsewhere, or claimed
 * after it, still count: the owner signing in must not hand a guesser fresh tries.
 */
export function signInSucceeded(attempt: SignInAttempt, attemptId: number): void {
  const source = attempt.deviceId
    ? eq(signInFailures.deviceId, attempt.deviceId)
    : and(isNull(signInFailures.deviceId), eq(signInFailures.ip, countsAsAddress(attempt.ip) ? attempt.ip : ''));
  db.delete(signInFailures)
    .where(and(eq(signInFailures.email, attempt.email), lte(signInFailures.id, attemptId), source))
    .run();
}
