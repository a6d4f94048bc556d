import { describe, expect, it } from 'vitest';
import { jobs, runAllJobs, runJob } from './index';

describe('job runner', () => {
  it('runs every job once and reports each result', async () => {
    const results = await runAllJobs(new Date());
    expect(results.map((result) => [result.name, result.ok])).toEqual(jobs.map((job) => [job.name, true]));
  });

  it('turns a failing job into a result, so the others still run', async () => {
    const broken = { name: 'broken', schedule: '* * * * *', run: () => Promise.reject(new Error('boom')) };
    expect(await runJob(broken)).toMatchObject({ name: 'broken', ok: false });
  });
});
