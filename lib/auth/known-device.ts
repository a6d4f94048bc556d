import 'server-only';
import crypto from 'node:crypto';

/** The cookie a browser gets after signing in; it exempts that browser from the account's lock. */
export const KNOWN_DEVICE_COOKIE = 'coffer_known_device';
export const KNOWN_DEVICE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

/** What the cookie is bound to: the account, and its password hash (a new password forgets every device). */
export type DeviceOwner = { id: number; passwordHash: string };

/** `secret` is the shop's session secret (lib/auth/secret authSecret). */
function mac(secret: string, owner: DeviceOwner, deviceId: string, expiresAt: number): string {
  const key = Buffer.from(crypto.hkdfSync('sha256', secret, 'coffer-known-device', 'known-device-v1', 32));
  return crypto.createHmac('sha256', key).update(`${owner.id}.${deviceId}.${expiresAt}.${owner.passwordHash}`).digest('base64url');
}

/** A cookie value naming this browser as one `owner` signed in from; keeps `deviceId` when given. */
export function knownDeviceCookie(secret: string, owner: DeviceOwner, now: Date, deviceId = crypto.randomBytes(16).toString('base64url')): string {
  const expiresAt = now.getTime() + KNOWN_DEVICE_MAX_AGE_SECONDS * 1000;
  return [owner.id, deviceId, expiresAt, mac(secret, owner, deviceId, expiresAt)].join('.');
}

/** The device id in a cookie value when it is genuine, unexpired and `owner`'s; else undefined. */
export function knownDeviceOf(secret: string, value: string | undefined, owner: DeviceOwner, now: Date): string | undefined {
  const [userId, deviceId, expires, given, ...rest] = (value ?? '').split('.');
  if (rest.length > 0 || !deviceId || !given || !/^[\w-]{22}$/.test(deviceId) || userId !== String(owner.id)) return undefined;
  const expiresAt = Number(expires);
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= now.getTime()) return undefined;
  const expected = Buffer.from(mac(secret, owner, deviceId, expiresAt));
  const actual = Buffer.from(given);
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected) ? deviceId : undefined;
}

/** One cookie's value from a request's Cookie header. */
export function cookieFrom(headers: Headers, name: string): string | undefined {
  for (const pair of (headers.get('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
