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

/** Status of a key claimed by async work that has no final reply yet (a real reply is never 0). */
const IN_PROGRESS = 0;

type Earlier = { state: 'free' } | { state: 'in_progress' } | { state: 'replied'; reply: ApiReply };

/** What this key did before; the same key with another request → 409, whatever its state. */
function earlierUse(apiKeyId: number, key: string, fingerprint: string): Earlier {
  const earlier = db
    .select()
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.apiKeyId, apiKeyId), eq(apiIdempotency.key, key)))
    .get();
  if (!earlier) return { state: 'free' };
  if (earlier.requestHash !== fingerprint) {
    throw new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'Idempotency-Key: this key was used with another request.');
  }
  if (earlier.status === IN_PROGRESS) return { state: 'in_progress' };
  return { state: 'replied', reply: { status: earlier.status, body: earlier.responseBody } };
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
    const earlier = earlierUse(apiKeyId, key, fingerprint);
    if (earlier.state === 'replied') return earlier.reply;
    const reply = work();
    storeReply(apiKeyId, key, fingerprint, reply);
    return reply;
  });
}

/** Claims the key for this request before any money is held: a twin with another body gets 409. */
function claimKey(apiKeyId: number, key: string, fingerprint: string): Earlier {
  return writeTransaction(() => {
    const earlier = earlierUse(apiKeyId, key, fingerprint);
    if (earlier.state === 'free') storeReply(apiKeyId, key, fingerprint, { status: IN_PROGRESS, body: '' });
    return earlier;
  });
}

/** Stores the final reply of claimed work; a twin that finished first keeps its own. */
function finishKey(apiKeyId: number, key: string, fingerprint: string, reply: ApiReply): ApiReply {
  return writeTransaction(() => {
    const finished = db
      .update(apiIdempotency)
      .set({ status: reply.status, responseBody: reply.body })
      .where(and(eq(apiIdempotency.apiKeyId, apiKeyId), eq(apiIdempotency.key, key), eq(apiIdempotency.status, IN_PROGRESS)))
      .run();
    if (finished.changes > 0) return reply;
    const earlier = earlierUse(apiKeyId, key, fingerprint);
    return earlier.state === 'replied' ? earlier.reply : reply;
  });
}

/**
 * onceForKey for work that waits on a provider and so cannot run inside one transaction. The key
 * is claimed (an in-progress row with the request's fingerprint) before the work holds any money,
 * so the same key with another body gets 409 and moves nothing. The same request while the key is
 * in progress runs the work again, which resumes it (the attempt key feeds its ledger keys); the
 * final reply is stored, but a 202 (a provider still deciding) leaves the key in progress, so a
 * retry asks the provider again instead of replaying "waiting" forever.
 */
export async function onceForKeyAsync(apiKeyId: number, key: string, fingerprint: string, work: () => Promise<ApiReply>): Promise<ApiReply> {
  const claimed = claimKey(apiKeyId, key, fingerprint);
  if (claimed.state === 'replied') return claimed.reply;
  const reply = await work();
  if (reply.status === 202) return reply;
  return finishKey(apiKeyId, key, fingerprint, reply);
}
