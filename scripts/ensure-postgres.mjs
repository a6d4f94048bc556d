// Tests need a PostgreSQL server and no manual step to get one. TEST_DATABASE_URL names a server
// to use as is; otherwise startPostgres() creates a throwaway cluster from Debian's binaries,
// installing them first when missing and we are root on Debian (as ensure-chromium.mjs does).
// `node scripts/ensure-postgres.mjs` only checks (or installs) the binaries.
import { execFile, execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const ROLE = 'coffer';

/** The bin folder of the newest PostgreSQL under /usr/lib/postgresql, or undefined. */
export function findPostgresBin() {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && path.join(root, versions[0], 'bin');
}

/** Finds the binaries, installing Debian's postgresql package when root with apt-get. */
export function ensurePostgresBinaries() {
  const found = findPostgresBin();
  if (found) return found;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    console.log("PostgreSQL is missing: installing Debian's postgresql package…");
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql', {
      stdio: 'inherit',
    });
    const installed = findPostgresBin();
    if (installed) return installed;
  }
  throw new Error(
    'PostgreSQL was not found under /usr/lib/postgresql/*/bin.\n' +
      'Install it with: sudo apt-get install -y postgresql (Debian/Ubuntu),\n' +
      'or set TEST_DATABASE_URL=postgres://user@host:port/db to use a server you run.',
  );
}

/** initdb refuses root: as root, the cluster belongs to Debian's postgres user (or coffer-pg). */
function serverUser() {
  if (!isRoot) return undefined;
  for (const name of ['postgres', 'coffer-pg']) {
    if (succeeds('id', ['-u', name])) return name;
  }
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'coffer-pg']);
  return 'coffer-pg';
}

function succeeds(command, args) {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

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

/**
 * A PostgreSQL server for tests: TEST_DATABASE_URL when set (stop() then does nothing), otherwise
 * a fresh cluster on a free loopback port, trust auth, superuser `coffer`.
 * @returns {Promise<{ url: string; stop(): Promise<void> }>}
 */
export async function startPostgres() {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: async () => {} };

  const bin = ensurePostgresBinaries();
  const user = serverUser();
  const as = (tool, args) => (user ? ['runuser', ['-u', user, '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args]);
  const exec = (tool, args) => run(...as(tool, args));

  // The server user must reach the folder: a private TMPDIR (e.g. under /root) would not do.
  const base = user && !succeeds('runuser', ['-u', user, '--', 'test', '-x', os.tmpdir()]) ? '/tmp' : os.tmpdir();
  const folder = fs.mkdtempSync(path.join(base, 'coffer-pg-'));
  const data = path.join(folder, 'data');
  const socket = path.join(folder, 'socket');
  const log = path.join(folder, 'server.log');
  fs.mkdirSync(socket);
  if (user) execFileSync('chown', ['-R', `${user}:`, folder]);
  const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true });

  const stopSync = () => {
    try {
      execFileSync(...as('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']), { stdio: 'ignore' });
    } catch {
      // Not running (never started, or already stopped).
    }
    removeFolder();
  };
  // A test run that exits without calling stop() must not leave a server behind.
  process.once('exit', stopSync);

  try {
    await exec('initdb', ['-D', data, '-U', ROLE, '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions']);
    let port = 0;
    // A port found free can be taken before the server binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      // fsync, synchronous_commit and full_page_writes off: a throwaway test cluster needs no crash safety.
      const options = `-p ${port} -k '${socket}' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
      try {
        // -w: pg_ctl polls the server's own readiness status (bounded by -t seconds).
        await exec('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options]);
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    await waitUntilReady(bin, port);
    const url = `postgres://${ROLE}@127.0.0.1:${port}/postgres`;
    return {
      url,
      async stop() {
        process.removeListener('exit', stopSync);
        await exec('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => {});
        removeFolder();
      },
    };
  } catch (error) {
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '';
    process.removeListener('exit', stopSync);
    stopSync();
    throw new Error(`PostgreSQL did not start: ${error instanceof Error ? error.message : error}\n${tail}`);
  }
}

/** Polls pg_isready over TCP, as clients will connect, a bounded number of times. */
async function waitUntilReady(bin, port) {
  for (let tries = 0; tries < 50; tries++) {
    try {
      await run(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', ROLE, '-d', 'postgres']);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no answer on 127.0.0.1:${port} after 50 tries`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.env.TEST_DATABASE_URL) {
    console.log('Using the PostgreSQL server at TEST_DATABASE_URL');
  } else {
    try {
      console.log(`Using PostgreSQL binaries in ${ensurePostgresBinaries()}`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
  }
}
