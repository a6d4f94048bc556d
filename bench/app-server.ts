// The app as a shop runs it: a production build in its own folder (so it never clobbers the e2e
// build in .next) and `next start` on a free loopback port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export const BENCH_DIST_DIR = '.next-bench';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `next build` into .next-bench, without type checking (`npm run typecheck` does that, and others'
 * work in progress must not stop a benchmark). Next rewrites next-env.d.ts and tsconfig.json to
 * point at the build folder; both are put back as they were, so nobody else's typecheck moves.
 */
export function buildApp(env: NodeJS.ProcessEnv): number {
  const kept = ['tsconfig.json', 'next-env.d.ts'].map((file) => ({ file, text: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined }));
  const started = performance.now();
  const result = spawnSync('npx', ['next', 'build'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...env, COFFER_DIST_DIR: BENCH_DIST_DIR, COFFER_SKIP_TYPECHECK: '1' } });
  for (const { file, text } of kept) {
    if (text !== undefined && fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  }
  if (result.status !== 0) {
    process.stdout.write(result.stdout);
    throw new Error('next build failed');
  }
  return performance.now() - started;
}

export type RunningApp = { origin: string; pid: number; stop(): Promise<void> };

/** Starts `next start` on the build in .next-bench and waits until it answers. */
export async function startApp(env: NodeJS.ProcessEnv): Promise<RunningApp> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn('node_modules/.bin/next', ['start', '-p', String(port), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, COFFER_DIST_DIR: BENCH_DIST_DIR, APP_URL: origin, NODE_ENV: 'production' },
  });
  await waitUntilAnswering(origin, child);
  return {
    origin,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function waitUntilAnswering(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      await fetch(`${origin}/sign-in`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  child.kill('SIGTERM');
  throw new Error('next start did not answer within 60 s');
}
