import crypto from 'node:crypto';
import { and, eq, lte } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { jobLeases } from '@/db/schema';

/**
 * A lease lets one server at a time run a job: a `job_leases` row (name, holder, expires_at). It
 * is taken by an UPDATE whose WHERE says "expired", so of several servers exactly one gets it, on
 * SQLite (the write lock) and on PostgreSQL (the row lock; the loser's WHERE is re-checked after
 * the winner commits, and fails). A server that dies holding it only delays the job until the
 * lease runs out. The lease saves duplicate provider calls; the jobs stay exactly-once without it.
 */
export type Lease = { name: string; holder: string };

/** Takes the lease for `ttlMs`, or undefined while another holder's lease is still running. */
export async function acquireLease(db: Database, name: string, ttlMs: number): Promise<Lease | undefined> {
  const holder = crypto.randomUUID();
  const now = new Date();
  const until = new Date(now.getTime() + ttlMs);
  const taken = await db.write(async (tx) => {
    await tx.insert(jobLeases).values({ name, holder: '', expiresAt: new Date(0) }).onConflictDoNothing();
    return tx
      .update(jobLeases)
      .set({ holder, expiresAt: until })
      .where(and(eq(jobLeases.name, name), lte(jobLeases.expiresAt, now)))
      .returning({ name: jobLeases.name });
  });
  return taken.length === 1 ? { name, holder } : undefined;
}

/** Gives the lease back early (only if it is still ours). */
export async function releaseLease(db: Database, lease: Lease): Promise<void> {
  await db.write(async (tx) => {
    await tx
      .update(jobLeases)
      .set({ expiresAt: new Date(0) })
      .where(and(eq(jobLeases.name, lease.name), eq(jobLeases.holder, lease.holder)));
  });
}
