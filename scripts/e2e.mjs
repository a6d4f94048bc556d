// End-to-end run: a fresh temporary database, a production build, a server on a free port,
// then Playwright. Extra arguments go to `playwright test` (e.g. a spec file or --grep).
// E2E_SKIP_BUILD=1 reuses the last build when iterating locally.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, args, env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-e2e-'));
const port = await freePort();
const env = {
  ...process.env,
  DATABASE_URL: path.join(folder, 'e2e.db'),
  E2E_PORT: String(port),
  APP_URL: `http://127.0.0.1:${port}`,
  NODE_ENV: 'production',
};
// Stripe stays off here: the Demo card provider is what a zero-configuration shop runs.
delete env.STRIPE_SECRET_KEY;
delete env.STRIPE_WEBHOOK_SECRET;

run('npx', ['tsx', 'db/prepare.ts'], env);
if (process.env.E2E_SKIP_BUILD !== '1') run('npx', ['next', 'build'], env);
run('npx', ['playwright', 'test', ...process.argv.slice(2)], env);
fs.rmSync(folder, { recursive: true, force: true });
