import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiIdempotency } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import type { ApiReply } from './envelope';
import { ApiError, invalidField } from './errors';

/** sha256 of what makes two requests the same request. */
export function requestFingerprint(method: string, path: string, body: string): string {
  return crypto.createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');
}

/** Checks an Idempotency-Key header value: 1 to 255 visible ASCII characters. */
export function checkIdempotencyKey(key: string): string {
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw invalidField('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
  return key;
}

function storedReply(apiKeyId: number, key: string, fingerprint: string): ApiReply | undefined {
  const earlier = db
    .select()
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.apiKeyId, apiKeyId), eq(apiIdempotency.key, key)))
    .get();
  if (!earlier) return undefined;
  if (earlier.requestHash !== fingerprint) {
    throw new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'Idempotency-Key: this key was used with another request.');
  }
  return { status: earlier.status, body: earlier.responseBody };
}

function storeReply(apiKeyId: number, key: string, fingerprint: string, reply: ApiReply): void {
  db.insert(apiIdempotency)
    .values({ apiKeyId, key, requestHash: fingerprint, status: reply.status, responseBody: reply.body, createdAt: new Date() })
    .run();
}

/**
 * Runs `work` once per (API key, Idempotency-Key): a retry with the same request gets the stored
 * reply; the same key with another request → 409. The work and the stored reply commit together.
 */
export function onceForKey(apiKeyId: number, key: string, fingerprint: string, work: () => ApiReply): ApiReply {
  return writeTransaction(() => {
    const earlier = storedReply(apiKeyId, key, fingerprint);
    if (earlier) return earlier;
    const reply = work();
    storeReply(apiKeyId, key, fingerprint, reply);
    return reply;
  });
}

/**
 * onceForKey for work that waits on a provider and so cannot run inside one transaction: the
 * reply is stored after the work, and a concurrent twin that stored first wins. The work must be
 * idempotent itself for the same key (the attempt key feeds its ledger keys).
 */
export async function onceForKeyAsync(apiKeyId: number, key: string, fingerprint: string, work: () => Promise<ApiReply>): Promise<ApiReply> {
  const earlier = storedReply(apiKeyId, key, fingerprint);
  if (earlier) return earlier;
  const reply = await work();
  return writeTransaction(() => {
    const stored = storedReply(apiKeyId, key, fingerprint);
    if (stored) return stored;
    storeReply(apiKeyId, key, fingerprint, reply);
    return reply;
  });
}
