import crypto from 'node:crypto';
import type { Database } from '@/db/database';
import type { ApiKey } from '@/db/schema';
import { authSecret } from '@/lib/auth/secret';
import { ApiError } from './errors';
import { decryptSecret, findActiveApiKey } from './secrets';

/** The platform's request signature: base64(sha256(url + apiKey + secretKey + rnd + body)), empty parts left out. */
export function requestSignature(parts: { url: string; apiKey: string; secretKey: string; rnd: string; body: string }): string {
  const text = [parts.url, parts.apiKey, parts.secretKey, parts.rnd, parts.body].filter((part) => part !== '').join('');
  return crypto.createHash('sha256').update(text).digest('base64');
}

/**
 * The URL as the client saw it, decoded as the client decodes it before signing: scheme and host
 * from X-Forwarded-Proto/Host when a proxy sits in front, else from the Host header.
 */
export function urlAsSeenByClient(request: Request): string | undefined {
  const url = new URL(request.url);
  const forwardedProto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  const forwardedHost = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const proto = forwardedProto || url.protocol.replace(/:$/, '');
  const host = forwardedHost || request.headers.get('host') || url.host;
  try {
    return decodeURIComponent(`${proto}://${host}${url.pathname}${url.search}`);
  } catch {
    return undefined;
  }
}

function sameText(a: string, b: string): boolean {
  // Comparing digests keeps lengths equal, as timingSafeEqual needs, and leaks nothing about them.
  const digest = (text: string) => crypto.createHash('sha256').update(text).digest();
  return crypto.timingSafeEqual(digest(a), digest(b));
}

const unauthorized = () => new ApiError(401, 'UNAUTHORIZED', 'The API key or the request signature is not valid.');

/** The x-auth-version values the platform's clients send: 1 (Node) and v1 (Java, Python, PHP). */
export const AUTH_VERSIONS: readonly string[] = ['1', 'v1'];

/** The key that signed this request; throws 401 for a missing header, unknown key or wrong signature. */
export async function authenticate(db: Database, request: Request, body: string): Promise<ApiKey> {
  const apiKey = request.headers.get('x-api-key') ?? '';
  const rnd = request.headers.get('x-rnd-key') ?? '';
  const signature = request.headers.get('x-signature') ?? '';
  const version = request.headers.get('x-auth-version') ?? '';
  const url = urlAsSeenByClient(request);
  if (!AUTH_VERSIONS.includes(version)) {
    throw new ApiError(401, 'UNAUTHORIZED', `x-auth-version: must be ${AUTH_VERSIONS.join(' or ')} (the platform's request signature, version 1).`);
  }
  if (!apiKey || !rnd || !signature || !url) throw unauthorized();
  const row = await findActiveApiKey(db.read, apiKey);
  const secretKey = row ? decryptSecret(row, await authSecret(db)) : undefined;
  // An unknown key still costs a signature, so timing does not tell which keys exist.
  const expected = requestSignature({ url, apiKey, secretKey: secretKey ?? 'unknown-key', rnd, body });
  const matches = sameText(expected, signature);
  if (!row || !secretKey || !matches) throw unauthorized();
  return row;
}
