import { Cron } from 'croner';
import type { Database } from '@/db/database';
import { jobs, runAllJobs, runJob, type JobResult } from './index';

function report(result: JobResult): void {
  if (!result.ok) console.error(`Job ${result.name} failed`, result.error);
}

/**
 * Runs every job once now (work left by a crash is settled on start), then each on its schedule.
 * `protect` skips a tick while this server's previous run of that job is still going; the job's
 * lease (lib/jobs/lease) skips it while another server runs it. Returns a stop function.
 */
export function startJobScheduler(db: Database): () => void {
  void runAllJobs(db).then((results) => results.forEach(report));
  const crons = jobs.map((job) => new Cron(job.schedule, { name: job.name, protect: true }, async () => report(await runJob(db, job))));
  return () => crons.forEach((cron) => cron.stop());
}
