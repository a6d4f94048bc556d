// npm run jobs — runs every scheduled job once (for operators who drive them from cron instead of
// the server's scheduler); prints each job's result and exits 1 if one failed.
import { runAllJobs } from '@/lib/jobs';

const results = await runAllJobs();
for (const result of results) {
  if (result.ok) console.log(`${result.name}: ${JSON.stringify(result.result)}`);
  else console.error(`${result.name} failed:`, result.error);
}
process.exit(results.every((result) => result.ok) ? 0 : 1);
