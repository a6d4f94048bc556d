// Next.js calls register() once per server start: the scheduled jobs (lib/jobs) start here, on the
// Node.js runtime only (not Edge, and not during the build).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Said at start-up rather than on the first request that builds a link.
  const { warnIfAppUrlMissing } = await import('./lib/config');
  warnIfAppUrlMissing();
  const { startJobScheduler } = await import('./lib/jobs/scheduler');
  startJobScheduler();
}
