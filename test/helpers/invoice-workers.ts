import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';

const workerSummary = z.object({ done: z.number(), refused: z.record(z.string(), z.number()), numbers: z.array(z.string()) });
export type WorkerSummary = z.infer<typeof workerSummary>;

const workerFile = path.join(import.meta.dirname, '..', 'workers', 'invoice-worker.ts');

function lines(child: ChildProcessWithoutNullStreams, onLine: (line: string) => void): void {
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let end = buffered.indexOf('\n');
    while (end >= 0) {
      onLine(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      end = buffered.indexOf('\n');
    }
  });
}

/**
 * Runs one worker process (test/workers/invoice-worker.ts) per argument list against the test
 * database (DATABASE_URL, passed on: a SQLite file or a PostgreSQL database), releases
 * them together once all are ready, and resolves with each worker's summary.
 */
export async function runWorkers(argumentLists: string[][]): Promise<WorkerSummary[]> {
  const children = argumentLists.map((args) =>
    spawn(process.execPath, ['--import', 'tsx', workerFile, ...args], { env: process.env, cwd: process.cwd() }),
  );
  let ready = 0;
  const results = children.map(
    (child) =>
      new Promise<WorkerSummary>((resolve, reject) => {
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
        });
        lines(child, (line) => {
          if (line === 'ready') {
            ready += 1;
            if (ready === children.length) for (const each of children) each.stdin.write('go\n');
          } else if (line.startsWith('{')) {
            resolve(workerSummary.parse(JSON.parse(line)));
          }
        });
        child.on('exit', (code) => {
          if (code !== 0) reject(new Error(`worker exited with ${code}: ${stderr}`));
        });
      }),
  );
  return Promise.all(results);
}
