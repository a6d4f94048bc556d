import { and, count, eq, gte, lt, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { signInFailures } from '@/db/schema';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

/**
 * Loopback and unknown addresses are not throttled as addresses: every request through a local
 * reverse proxy would share them, and one guesser would lock everybody out. Accounts still are.
 */
function countsAsAddress(ip: string): boolean {
  return ip !== '' && ip !== '::1' && !ip.startsWith('127.') && !ip.startsWith('::ffff:127.');
}

/** True when an account or an address had MAX_FAILURES failed sign-ins in the last 15 minutes. */
export function signInThrottled(email: string, ip: string, now = new Date()): boolean {
  const since = gte(signInFailures.failedAt, new Date(now.getTime() - WINDOW_MS));
  const failures = (who: SQL) =>
    db.select({ n: count() }).from(signInFailures).where(and(since, who)).get()?.n ?? 0;
  if (failures(eq(signInFailures.email, email)) >= MAX_FAILURES) return true;
  return countsAsAddress(ip) && failures(eq(signInFailures.ip, ip)) >= MAX_FAILURES;
}

/** Remembers a failed sign-in, and forgets those older than the window. */
export function recordSignInFailure(email: string, ipAddress: string, now = new Date()): void {
  const ip = countsAsAddress(ipAddress) ? ipAddress : '';
  db.insert(signInFailures).values({ email, ip, failedAt: now }).run();
  db.delete(signInFailures).where(lt(signInFailures.failedAt, new Date(now.getTime() - WINDOW_MS))).run();
}

/** A successful sign-in clears the account's failures. */
export function clearSignInFailures(email: string): void {
  db.delete(signInFailures).where(eq(signInFailures.email, email)).run();
}
