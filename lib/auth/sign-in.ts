import 'server-only';
import { clientAddress } from './client-address';
import { cookieFrom, KNOWN_DEVICE_COOKIE, knownDeviceCookie, knownDeviceOf } from './known-device';
import { verifyPassword } from './passwords';
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
export async function attemptSignIn(credentials: { email: string; password: string }, headers: Headers, now = new Date()): Promise<SignInOutcome> {
  const email = credentials.email.trim().toLowerCase();
  const account = findSignInAccount(email);
  const deviceId = account && knownDeviceOf(cookieFrom(headers, KNOWN_DEVICE_COOKIE), { id: account.user.id, passwordHash: account.passwordHash }, now);
  const attempt = { email, ip: clientAddress(headers), deviceId };
  const attemptId = claimSignInAttempt(attempt, now);
  if (attemptId === undefined) return { status: 'throttled' };
  const valid = await verifyPassword(account?.passwordHash, credentials.password);
  if (!account || !valid) return { status: 'wrong_credentials' };
  signInSucceeded(attempt, attemptId);
  const knownDevice = knownDeviceCookie({ id: account.user.id, passwordHash: account.passwordHash }, now, deviceId);
  return { status: 'signed_in', user: account.user, knownDevice };
}
