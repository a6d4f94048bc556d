import 'server-only';
import type { Database } from '@/db/database';
import { clientAddress } from './client-address';
import { cookieFrom, KNOWN_DEVICE_COOKIE, knownDeviceCookie, knownDeviceOf } from './known-device';
import { verifyPassword } from './passwords';
import { authSecret } from './secret';
import { claimSignInAttempt, signInSucceeded } from './throttle';
import { findSignInAccount, type SessionUser } from './users';

export type SignInOutcome =
  /** knownDevice: the cookie value to set, so this browser gets in while the account is locked. */
  | { status: 'signed_in'; user: SessionUser; knownDevice: string }
  | { status: 'throttled' }
  | { status: 'wrong_credentials' };

/**
 * Checks an email and password for a sign-in request (its headers give the client's address and
 * known-device cookie). The attempt is counted before the password is checked; a throttled one is
 * refused without checking it.
 */
export async function attemptSignIn(
  db: Database,
  credentials: { email: string; password: string },
  headers: Headers,
  now = new Date(),
): Promise<SignInOutcome> {
  const email = credentials.email.trim().toLowerCase();
  const secret = await authSecret(db);
  const account = await findSignInAccount(db.read, email);
  const owner = account && { id: account.user.id, passwordHash: account.passwordHash };
  const deviceId = owner && knownDeviceOf(secret, cookieFrom(headers, KNOWN_DEVICE_COOKIE), owner, now);
  const attempt = { email, ip: clientAddress(headers), deviceId };
  const attemptId = await claimSignInAttempt(db, attempt, now);
  if (attemptId === undefined) return { status: 'throttled' };
  const valid = await verifyPassword(account?.passwordHash, credentials.password);
  if (!account || !owner || !valid) return { status: 'wrong_credentials' };
  await signInSucceeded(db, attempt, attemptId);
  const knownDevice = knownDeviceCookie(secret, owner, now, deviceId);
  return { status: 'signed_in', user: account.user, knownDevice };
}
