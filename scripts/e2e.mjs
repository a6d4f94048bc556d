// End-to-end run: a fresh temporary database, a production build, a server on a free port,
// then Playwright. Extra arguments go to `playwright test` (e.g. a spec file or --grep).
// E2E_SKIP_BUILD=1 reuses the last build when iterating locally.
// Then (unless arguments narrowed the run) the Turkish shop: the same build as a TRY shop in
// Turkish (SHOP_CURRENCY=TRY SHOP_LOCALE=tr) on its own fresh database, running e2e/i18n
// (playwright.i18n.config.ts; `node scripts/e2e.mjs e2e/i18n/…` runs only those), and the
// scale-out smoke: the same build as two servers on one fresh PostgreSQL database
// (scripts/ensure-postgres.mjs brings a server up).
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

/** A free port other than `taken` (the SMTP server the e2e run reads its e-mails from, e2e/fixtures/mail-server.ts). */
async function otherFreePort(taken) {
  let port = await freePort();
  while (port === taken) port = await freePort();
  return port;
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-e2e-'));
const port = await freePort();
const env = {
  ...process.env,
  DATABASE_URL: path.join(folder, 'e2e.db'),
  E2E_PORT: String(port),
  APP_URL: `http://127.0.0.1:${port}`,
  NODE_ENV: 'production',
  E2E_SMTP_PORT: String(await otherFreePort(port)),
  E2E_MAILBOX_DIR: path.join(folder, 'mailbox'),
};
// Stripe stays off here: the Demo card provider is what a zero-configuration shop runs.
delete env.STRIPE_SECRET_KEY;
delete env.STRIPE_WEBHOOK_SECRET;

const args = process.argv.slice(2);
// Arguments that all name Turkish specs run only the Turkish shop.
const turkishOnly = args.length > 0 && args.every((arg) => arg.replace(/^\.\//, '').startsWith('e2e/i18n'));

run('npx', ['tsx', 'db/prepare.ts'], env);
if (process.env.E2E_SKIP_BUILD !== '1') run('npx', ['next', 'build'], env);
if (!turkishOnly) run('npx', ['playwright', 'test', ...args], env);
fs.rmSync(folder, { recursive: true, force: true });

if (args.length === 0 || turkishOnly) {
  const turkishFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-e2e-tr-'));
  const turkishPort = await freePort();
  const turkishEnv = {
    ...env,
    DATABASE_URL: path.join(turkishFolder, 'e2e-tr.db'),
    E2E_PORT: String(turkishPort),
    APP_URL: `http://127.0.0.1:${turkishPort}`,
    E2E_SMTP_PORT: String(await otherFreePort(turkishPort)),
    E2E_MAILBOX_DIR: path.join(turkishFolder, 'mailbox'),
    SHOP_CURRENCY: 'TRY',
    SHOP_LOCALE: 'tr',
    SHOP_TIME_ZONE: 'Europe/Istanbul',
  };
  run('npx', ['tsx', 'db/prepare.ts'], turkishEnv);
  run('npx', ['playwright', 'test', '--config', 'playwright.i18n.config.ts', ...(turkishOnly ? args : [])], turkishEnv);
  fs.rmSync(turkishFolder, { recursive: true, force: true });
}

if (args.length === 0) {
  const { startPostgres } = await import('./ensure-postgres.mjs');
  const pg = (await import('pg')).default;
  const server = await startPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE coffer_scale_out');
    await admin.end();
    const databaseUrl = new URL(server.url);
    databaseUrl.pathname = '/coffer_scale_out';
    const portA = await freePort();
    let portB = await freePort();
    while (portB === portA) portB = await freePort();
    const scaleOutEnv = {
      ...env,
      DATABASE_URL: databaseUrl.href,
      // No AUTH_SECRET: the servers share the secret the first of them generates in the database.
      AUTH_SECRET: '',
      E2E_PORT_A: String(portA),
      E2E_PORT_B: String(portB),
      E2E_SERVER_A: `http://127.0.0.1:${portA}`,
      E2E_SERVER_B: `http://127.0.0.1:${portB}`,
    };
    run('npx', ['tsx', 'db/prepare.ts'], scaleOutEnv);
    run('npx', ['playwright', 'test', '--config', 'playwright.scale-out.config.ts'], scaleOutEnv);
  } finally {
    await server.stop();
  }
}
