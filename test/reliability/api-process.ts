// A merchant API server in a child process of its own (test/reliability/workers/api-server.ts):
// its own Database, a pool of its own on PostgreSQL, on the test file's database (DATABASE_URL is
// passed down). The crash test kills one with SIGKILL; the two-server test runs two at once.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export type ApiProcess = { child: ChildProcessWithoutNullStreams; baseUrl: string; exited: Promise<unknown>; stop(): Promise<void> };

export async function startApiProcess(): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'workers', 'api-server.ts')], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    // COFFER_TEST_VERBOSE=1 shows what the servers log (a 500's cause).
    if (process.env.COFFER_TEST_VERBOSE) process.stderr.write(chunk);
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  const port = first.done ? undefined : /^listening (\d+)$/.exec(first.value)?.[1];
  if (!port) throw new Error(`The API process did not start: ${stderr}`);
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}/api/craftgate`,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
