import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { jobs, runAllJobs, runJob, type Job } from './index';
import { acquireLease, releaseLease } from './lease';

const db = getDatabase();

describe('job runner', () => {
  it('runs every job once and reports each result', async () => {
    const results = await runAllJobs(db, new Date());
    expect(results.map((result) => [result.name, result.ok, 'result' in result])).toEqual(jobs.map((job) => [job.name, true, true]));
  });

  it('turns a failing job into a result, so the others still run', async () => {
    const broken: Job = { name: 'broken', schedule: '* * * * *', run: () => Promise.reject(new Error('boom')) };
    expect(await runJob(db, broken)).toMatchObject({ name: 'broken', ok: false });
  });
});

describe('job leases (several servers running the same jobs)', () => {
  it('lets one holder at a time take a lease, and frees it on release', async () => {
    const first = await acquireLease(db, 'test-lease', 60_000);
    expect(first).toBeDefined();
    expect(await acquireLease(db, 'test-lease', 60_000)).toBeUndefined();
    if (first) await releaseLease(db, first);
    const again = await acquireLease(db, 'test-lease', 60_000);
    expect(again).toBeDefined();
    if (again) await releaseLease(db, again);
  });

  it('of many servers asking at once exactly one gets it', async () => {
    const leases = await Promise.all(Array.from({ length: 8 }, () => acquireLease(db, 'test-race', 60_000)));
    expect(leases.filter(Boolean)).toHaveLength(1);
  });

  it('an expired lease (its server died) is taken over', async () => {
    expect(await acquireLease(db, 'test-expiry', 1)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await acquireLease(db, 'test-expiry', 60_000)).toBeDefined();
  });

  it('a job another server is running is skipped, not run twice', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const slow: Job = {
      name: 'slow',
      schedule: '* * * * *',
      run: () => {
        runs += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const first = runJob(db, slow);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await runJob(db, slow)).toEqual({ name: 'slow', ok: true, skipped: 'leased' });
    release();
    expect(await first).toMatchObject({ name: 'slow', ok: true });
    expect(runs).toBe(1);
  });
});
