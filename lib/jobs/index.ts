import { reconcileProviderWork } from '@/lib/payments/reconcile';
import { sweepExpiredHolds } from '@/lib/payments/split-holds';

/** Scheduled work: each job is safe to run on several servers at once and to run again. */
export type Job = { name: string; /** cron pattern (croner syntax) */ schedule: string; run(now: Date): Promise<unknown> };

export const jobs: Job[] = [
  { name: 'reconcile-provider-work', schedule: '* * * * *', run: (now) => reconcileProviderWork(now) },
  { name: 'expire-split-holds', schedule: '* * * * *', run: async (now) => ({ released: sweepExpiredHolds(now) }) },
];

export type JobResult = { name: string; ok: true; result: unknown } | { name: string; ok: false; error: unknown };

/** Runs one job, turning a failure into a result so one broken job never stops the others. */
export async function runJob(job: Job, now: Date = new Date()): Promise<JobResult> {
  try {
    return { name: job.name, ok: true, result: await job.run(now) };
  } catch (error) {
    return { name: job.name, ok: false, error };
  }
}

/** Runs every job once, one after another (npm run jobs, and the scheduler's first pass at start). */
export async function runAllJobs(now: Date = new Date()): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of jobs) results.push(await runJob(job, now));
  return results;
}
