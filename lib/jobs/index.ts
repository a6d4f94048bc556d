import type { Database } from '@/db/database';
import { deliverMailJob } from '@/lib/notifications/deliver';
import { cancelAbandonedOrders } from '@/lib/orders/abandoned';
import { reconcileProviderWork } from '@/lib/payments/reconcile';
import { sweepExpiredHolds } from '@/lib/payments/split-holds';
import { acquireLease, releaseLease } from './lease';

/**
 * Scheduled work: each job is safe to run on several servers at once and to run again (every row
 * it settles is settled exactly once); a lease also keeps two servers from running the same job
 * at the same time.
 */
export type Job = { name: string; /** cron pattern (croner syntax) */ schedule: string; run(db: Database, now: Date): Promise<unknown> };

export const jobs: Job[] = [
  { name: 'reconcile-provider-work', schedule: '* * * * *', run: (db, now) => reconcileProviderWork(db, now) },
  { name: 'expire-split-holds', schedule: '* * * * *', run: async (db, now) => ({ released: await sweepExpiredHolds(db, now) }) },
  { name: 'cancel-abandoned-orders', schedule: '* * * * *', run: (db, now) => cancelAbandonedOrders(db, now) },
  // Every 10 seconds: a password-reset link should not wait a minute (nothing to do costs one UPDATE).
  { name: 'deliver-mail', schedule: '*/10 * * * * *', run: (db, now) => deliverMailJob(db, now) },
];

/** Longer than a run takes; a server that died holding it delays the job by at most this. */
export const JOB_LEASE_MS = 5 * 60_000;

export type JobResult =
  | { name: string; ok: true; result: unknown }
  | { name: string; ok: true; skipped: 'leased' }
  | { name: string; ok: false; error: unknown };

/**
 * Runs one job under its lease (skipped while another server runs it), turning a failure into a
 * result so one broken job never stops the others.
 */
export async function runJob(db: Database, job: Job, now: Date = new Date()): Promise<JobResult> {
  try {
    const lease = await acquireLease(db, `job:${job.name}`, JOB_LEASE_MS);
    if (!lease) return { name: job.name, ok: true, skipped: 'leased' };
    try {
      return { name: job.name, ok: true, result: await job.run(db, now) };
    } finally {
      await releaseLease(db, lease);
    }
  } catch (error) {
    return { name: job.name, ok: false, error };
  }
}

/** Runs every job once, one after another (npm run jobs, and the scheduler's first pass at start). */
export async function runAllJobs(db: Database, now: Date = new Date()): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of jobs) results.push(await runJob(db, job, now));
  return results;
}
