// Next.js calls register() once per server start: the scheduled jobs (lib/jobs) start here, on the
// Node.js runtime only (not Edge, and not during the build). Every server of a scale-out starts
// them; each job's lease lets one server at a time run it, and each row it settles is settled once.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Said at start-up rather than on the first request that builds a link.
  const { warnIfAppUrlMissing } = await import('./lib/config');
  warnIfAppUrlMissing();
  const { getDatabase } = await import('./db');
  const { startJobScheduler } = await import('./lib/jobs/scheduler');
  startJobScheduler(getDatabase());
}
