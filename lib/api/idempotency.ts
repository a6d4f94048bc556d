import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { apiIdempotency } from '@/db/schema';
import { errorReply, type ApiReply } from './envelope';
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

/** One use of an Idempotency-Key: whose key, which key, and the request it stands for. */
export type KeyUse = { apiKeyId: number; key: string; fingerprint: string };

/** Status of a key claimed by work that has no final reply yet (a real reply is never 0). */
const IN_PROGRESS = 0;

/** The same key with another request: answered 409, and never stored under the key. */
const conflictReply = (): ApiReply =>
  errorReply(new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'Idempotency-Key: this key was used with another request.'));

type Earlier = { state: 'claimed' } | { state: 'in_progress' } | { state: 'conflict' } | { state: 'replied'; reply: ApiReply };

const sameKey = (use: KeyUse) => and(eq(apiIdempotency.apiKeyId, use.apiKeyId), eq(apiIdempotency.key, use.key));

/** What this key's row says, read after a claim lost: the same key with another request → conflict. */
async function earlierUse(q: Query, use: KeyUse): Promise<Exclude<Earlier, { state: 'claimed' }> | undefined> {
  const [earlier] = await q.select().from(apiIdempotency).where(sameKey(use));
  if (!earlier) return undefined;
  if (earlier.requestHash !== use.fingerprint) return { state: 'conflict' };
  if (earlier.status === IN_PROGRESS) return { state: 'in_progress' };
  return { state: 'replied', reply: { status: earlier.status, body: earlier.responseBody } };
}

/**
 * Claims the key in `tx`: INSERT … ON CONFLICT DO NOTHING of an in-progress row. The unique key
 * decides between twins on any number of servers: on PostgreSQL a twin's insert waits for the
 * winner's transaction, then reads its committed row; nothing is read before the insert.
 */
async function claimKeyIn(tx: Tx, use: KeyUse): Promise<Earlier> {
  const inserted = await tx
    .insert(apiIdempotency)
    .values({ apiKeyId: use.apiKeyId, key: use.key, requestHash: use.fingerprint, status: IN_PROGRESS, responseBody: '', createdAt: new Date() })
    .onConflictDoNothing()
    .returning({ key: apiIdempotency.key });
  if (inserted.length > 0) return { state: 'claimed' };
  // The winner's row is committed (its insert would still hold us otherwise), unless a purge removed it.
  return (await earlierUse(tx, use)) ?? { state: 'claimed' };
}

/**
 * Stores the final reply: over this request's in-progress row, or as a new row when there is none
 * (the claim was rolled back with failed work). A twin that finished first keeps its own reply.
 */
async function finishKeyIn(tx: Tx, use: KeyUse, reply: ApiReply): Promise<ApiReply> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const finished = await tx
      .update(apiIdempotency)
      .set({ status: reply.status, responseBody: reply.body })
      .where(and(sameKey(use), eq(apiIdempotency.requestHash, use.fingerprint), eq(apiIdempotency.status, IN_PROGRESS)))
      .returning({ key: apiIdempotency.key });
    if (finished.length > 0) return reply;
    const inserted = await tx
      .insert(apiIdempotency)
      .values({ apiKeyId: use.apiKeyId, key: use.key, requestHash: use.fingerprint, status: reply.status, responseBody: reply.body, createdAt: new Date() })
      .onConflictDoNothing()
      .returning({ key: apiIdempotency.key });
    if (inserted.length > 0) return reply;
    const earlier = await earlierUse(tx, use);
    if (earlier?.state === 'conflict') return conflictReply();
    if (earlier?.state === 'replied') return earlier.reply;
    // In progress again (a twin claimed it between our statements): go round and finish it.
  }
  return reply;
}

/**
 * Runs a route once per (API key, Idempotency-Key), in ONE write transaction that claims the key,
 * does the work and stores the reply, so the money moves together with the reply or not at all.
 * A retry with the same request gets the stored reply; the same key with another request → 409.
 * When `work` throws, its writes roll back; `recover` turns an expected failure into a reply (and
 * rethrows anything else: unexpected 500s are not stored), which is then stored in a transaction
 * of its own, unless a twin stored its reply first.
 */
export async function onceForKey(
  db: Database,
  use: KeyUse,
  work: (tx: Tx) => Promise<ApiReply>,
  recover: (error: unknown) => ApiReply,
): Promise<ApiReply> {
  let reply: ApiReply;
  try {
    return await db.write(async (tx) => {
      const earlier = await claimKeyIn(tx, use);
      if (earlier.state === 'conflict') return conflictReply();
      if (earlier.state === 'replied') return earlier.reply;
      return finishKeyIn(tx, use, await work(tx));
    });
  } catch (error) {
    reply = recover(error);
  }
  return db.write((tx) => finishKeyIn(tx, use, reply));
}

/**
 * onceForKey for work that owns its units of work (it waits on a provider, so it cannot run inside
 * one transaction). The key is claimed (an in-progress row with the request's fingerprint) in a
 * transaction of its own before the work holds any money, so the same key with another body gets
 * 409 and moves nothing. The same request while the key is in progress runs the work again, which
 * resumes it (the attempt key feeds its ledger keys); the final reply is stored, but a 202 (a
 * provider still deciding) leaves the key in progress, so a retry asks the provider again instead
 * of replaying "waiting" forever.
 */
export async function onceForKeyAsync(db: Database, use: KeyUse, work: () => Promise<ApiReply>): Promise<ApiReply> {
  const claimed = await db.write((tx) => claimKeyIn(tx, use));
  if (claimed.state === 'conflict') return conflictReply();
  if (claimed.state === 'replied') return claimed.reply;
  const reply = await work();
  if (reply.status === 202) return reply;
  return db.write((tx) => finishKeyIn(tx, use, reply));
}
