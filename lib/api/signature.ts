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

/** Scheme and host as the client used them: X-Forwarded-Proto/Host behind a proxy, else the Host header. */
function clientOrigin(request: Request, url: URL): string {
  const forwardedProto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  const forwardedHost = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const proto = forwardedProto || url.protocol.replace(/:$/, '');
  const host = forwardedHost || request.headers.get('host') || url.host;
  return `${proto}://${host}`;
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * The URL as the client saw it, decoded as the client decodes it before signing: scheme and host
 * from X-Forwarded-Proto/Host when a proxy sits in front, else from the Host header.
 */
export function urlAsSeenByClient(request: Request): string | undefined {
  const url = new URL(request.url);
  return decoded(`${clientOrigin(request, url)}${url.pathname}${url.search}`);
}

/** At most this many absent list parameters are tried as the empty pairs the Node client leaves. */
const MAX_EMPTY_LISTS = 2;
/** Beyond this many query pairs, empty pairs are not tried (the candidates would grow too many). */
const MAX_PAIRS_FOR_EMPTY_LISTS = 20;

/** Every way to put `count` empty segments between, before or after `segments` (each arrangement once). */
function withEmptySegments(segments: readonly string[], count: number): string[][] {
  const arrangements: string[][] = [];
  // Gap positions 0..segments.length, non-decreasing, so each multiset of positions comes once.
  const choose = (positions: number[]) => {
    if (positions.length === count) {
      const empties = (gap: number) => positions.filter((p) => p === gap).map(() => '');
      arrangements.push([...segments.flatMap((segment, gap) => [...empties(gap), segment]), ...empties(segments.length)]);
      return;
    }
    for (let p = positions.at(-1) ?? 0; p <= segments.length; p += 1) choose([...positions, p]);
  };
  choose([]);
  return arrangements;
}

/**
 * The decoded URLs a platform client could have signed for this request, the URL as it arrived
 * first. Under `next start` a route handler never sees the request target as sent: Next 16 parses
 * the query and re-serialises it (route-module prepare → normalizeCdnUrl): '%20' arrives as '+',
 * empty pairs ('a=1&&b=2'), a trailing '&' and a bare '?' are dropped, repeated keys grouped. So
 * the URL each client signs is rebuilt from the pairs as the clients build it:
 * - Node: `k=v` joined by '&', repeated keys for lists, an empty list as an empty pair;
 * - Java: every non-null field as `k=v&`, so always a trailing '&' (a bare '?' when none);
 * - Python, PHP: `k=v` joined by '&' (lists comma-joined, PHP arrays as `k[0]=v`), no trailing '&'.
 * Every candidate holds the same path and the same pairs in the same order as the request that is
 * served (only empty pairs and a trailing '&' or '?' differ, which carry nothing; a '+' of the
 * target as it arrived stands for the space the handler reads), so a signature over any of them
 * authorises exactly this request. Each is compared exactly; there are a few dozen at most.
 */
export function signedUrlCandidates(request: Request, options: { listParams?: readonly string[] } = {}): string[] {
  const url = new URL(request.url);
  const candidates = new Set<string>();
  const asSeen = urlAsSeenByClient(request);
  if (asSeen !== undefined) candidates.add(asSeen);
  const path = decoded(url.pathname);
  if (path === undefined) return [...candidates];
  const base = `${clientOrigin(request, url)}${path}`;
  const pairs = [...url.searchParams];
  const segments = pairs.map(([key, value]) => `${key}=${value}`);
  const withQuery = (query: string) => (query === '' ? base : `${base}?${query}`);
  candidates.add(withQuery(segments.join('&')));
  candidates.add(`${base}?${segments.map((segment) => `${segment}&`).join('')}`);
  const present = new Set(pairs.map(([key]) => key));
  const absentLists = (options.listParams ?? []).filter((name) => !present.has(name)).length;
  if (segments.length <= MAX_PAIRS_FOR_EMPTY_LISTS) {
    for (let count = 1; count <= Math.min(absentLists, MAX_EMPTY_LISTS); count += 1) {
      for (const each of withEmptySegments(segments, count)) candidates.add(withQuery(each.join('&')));
    }
  }
  return [...candidates];
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
export async function authenticate(db: Database, request: Request, body: string, options: { listParams?: readonly string[] } = {}): Promise<ApiKey> {
  const apiKey = request.headers.get('x-api-key') ?? '';
  const rnd = request.headers.get('x-rnd-key') ?? '';
  const signature = request.headers.get('x-signature') ?? '';
  const version = request.headers.get('x-auth-version') ?? '';
  if (!AUTH_VERSIONS.includes(version)) {
    throw new ApiError(401, 'UNAUTHORIZED', `x-auth-version: must be ${AUTH_VERSIONS.join(' or ')} (the platform's request signature, version 1).`);
  }
  const urls = signedUrlCandidates(request, options);
  if (!apiKey || !rnd || !signature || urls.length === 0) throw unauthorized();
  const row = await findActiveApiKey(db.read, apiKey);
  const secretKey = row ? decryptSecret(row, await authSecret(db)) : undefined;
  // An unknown key still costs the same signatures, so timing does not tell which keys exist; every
  // candidate is an exact comparison in constant time, and all are made, so neither does which one matched.
  let matches = false;
  for (const url of urls) matches = sameText(requestSignature({ url, apiKey, secretKey: secretKey ?? 'unknown-key', rnd, body }), signature) || matches;
  if (!row || !secretKey || !matches) throw unauthorized();
  return row;
}
