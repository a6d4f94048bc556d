import { inArray, isNotNull, lt } from 'drizzle-orm';
import type { Database, Tx } from '@/db/database';
import { apiKeys, apiRequestNonces } from '@/db/schema';
import { ApiError } from './errors';

/** How long a read request is remembered; a replayed read moves nothing. */
export const READ_MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * The protocol signs no timestamp, so any window would let a request captured earlier than it be
 * replayed: a request that can change state is remembered for as long as its key can sign.
 */
function expiryFor(method: string, now: Date): Date | null {
  return method === 'GET' ? new Date(now.getTime() + READ_MEMORY_MS) : null;
}

export const replayedRequest = () =>
  new ApiError(409, 'REQUEST_REPLAYED', 'x-rnd-key: this signed request was received before; sign every request with a new random key.');

/**
 * Remembers a signed request by its key and signature (which covers URL, x-rnd-key and body) and
 * throws 409 REQUEST_REPLAYED when it was seen before. The unique index decides between twins that
 * arrive at once, on any number of app servers sharing the database (INSERT … ON CONFLICT DO
 * NOTHING: on PostgreSQL a twin waits for the first insert's transaction, then inserts nothing).
 */
export async function rememberSignedRequest(
  db: Database,
  request: { apiKeyId: number; method: string; rnd: string; signature: string },
  now = new Date(),
): Promise<void> {
  const fresh = await db.write(async (tx) => {
    await forgetExpiredRequests(tx, now);
    return tx
      .insert(apiRequestNonces)
      .values({ apiKeyId: request.apiKeyId, rndKey: request.rnd, signature: request.signature, seenAt: now, expiresAt: expiryFor(request.method, now) })
      .onConflictDoNothing()
      .returning({ id: apiRequestNonces.id });
  });
  if (fresh.length === 0) throw replayedRequest();
}

/** Drops reads past their window, and everything of revoked keys (they no longer authenticate). */
async function forgetExpiredRequests(tx: Tx, now: Date): Promise<void> {
  // Two statements, not one OR: each then walks its own index instead of the whole table.
  await tx.delete(apiRequestNonces).where(lt(apiRequestNonces.expiresAt, now));
  const revoked = tx.select({ id: apiKeys.id }).from(apiKeys).where(isNotNull(apiKeys.revokedAt));
  await tx.delete(apiRequestNonces).where(inArray(apiRequestNonces.apiKeyId, revoked));
}
