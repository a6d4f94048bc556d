// npm run jobs — runs every scheduled job once (for operators who drive them from cron instead of
// the server's scheduler); prints each job's result and exits 1 if one failed. Safe beside running
// servers: a job another server is running (its lease) is skipped.
import { getDatabase } from '@/db';
import { runAllJobs } from '@/lib/jobs';

const db = getDatabase();
const results = await runAllJobs(db);
for (const result of results) {
  if (!result.ok) console.error(`${result.name} failed:`, result.error);
  else if ('skipped' in result) console.log(`${result.name}: skipped (another server is running it)`);
  else console.log(`${result.name}: ${JSON.stringify(result.result)}`);
}
await db.close();
process.exit(results.every((result) => result.ok) ? 0 : 1);
