import 'server-only';
import type { Database } from '@/db/database';
import { claimSignInAttempt } from './throttle';

/** Requests that e-mail a link to an address anyone can type: each is held per client address. */
export type LinkRequestKind = 'password_reset';

/**
 * Counts a request for an e-mailed link from a client address, before any work: false when that
 * address asked MAX_FAILURES times in the last WINDOW_MS (lib/auth/throttle: 5 in 15 minutes). It
 * rides on the sign-in throttle's rows under a key no sign-in can have (it is not an email, and
 * carries no address of its own), so it shares its locking and sweeping on both engines without
 * ever slowing a sign-in. Loopback and unknown addresses are not held, as for sign-in.
 */
export async function claimLinkRequest(db: Database, kind: LinkRequestKind, ip: string, now = new Date()): Promise<boolean> {
  if (ip === '' || ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.')) return true;
  return (await claimSignInAttempt(db, { email: `${kind}@ip:${ip}`, ip: '' }, now)) !== undefined;
}
