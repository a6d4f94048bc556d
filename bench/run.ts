// npm run bench — the benchmark suite (not a test), on SQLite and on PostgreSQL: pages against
// history size, JavaScript per page, wallet payments per second over HTTP against the machine's
// limit (on PostgreSQL with one and with two app servers on one database), and the ledger bench.
// Prints a table and writes bench/results.json. Loopback only; temporary databases (PostgreSQL: a
// throwaway cluster from scripts/ensure-postgres.mjs, stopped at the end).
// Knobs: BENCH_SKIP_BUILD=1 reuses .next-bench; BENCH_ENGINES=sqlite|postgres|sqlite,postgres;
// BENCH_LARGE_HISTORY (1,000,000), BENCH_TRANSFERS (5,000), BENCH_PAGE_REQUESTS (100),
// BENCH_ROUNDS (6) and BENCH_ROUND_SECONDS (2) scale the run down or up.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIST_DIR, buildApp } from './app-server';
import type { EngineResult } from './engine';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bench-http-'));
process.env.AUTH_SECRET = crypto.randomBytes(32).toString('base64url');
delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;
const env = { ...process.env };
const benchStarted = performance.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const knob = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

type Engine = 'sqlite' | 'postgres';
const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((name) => name.trim()).filter((name): name is Engine => name === 'sqlite' || name === 'postgres');
if (engines.length === 0) throw new Error('BENCH_ENGINES names no engine (sqlite, postgres)');
const smallHistory = 1_000;
const largeHistory = knob('BENCH_LARGE_HISTORY', 1_000_000);

// ---- Build -----------------------------------------------------------------------------------
let buildMs = 0;
if (process.env.BENCH_SKIP_BUILD === '1' && fs.existsSync(path.join(BENCH_DIST_DIR, 'BUILD_ID'))) {
  console.log(`Reusing the build in ${BENCH_DIST_DIR}.`);
} else {
  console.log(`Building into ${BENCH_DIST_DIR} …`);
  buildMs = buildApp({ ...env, NODE_ENV: 'production' });
  console.log(`Built in ${seconds(buildMs)}.`);
}

// ---- PostgreSQL: one throwaway cluster, a database for the HTTP part and one for the ledger ---
let postgres: { url: string; stop(): Promise<void> } | undefined;
const postgresUrl = (database: string) => {
  const url = new URL(postgres?.url ?? '');
  url.pathname = `/${database}`;
  return url.toString();
};
if (engines.includes('postgres')) {
  const { startPostgres } = await import('../scripts/ensure-postgres.mjs');
  postgres = await startPostgres();
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  for (const name of ['coffer_bench_http', 'coffer_bench_ledger']) {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
}

/** bench/engine.ts in its own process (the tables lib/ queries are chosen once per process). */
async function measureEngine(engine: Engine, withBundles: boolean): Promise<EngineResult> {
  console.log(`\n== ${engine} ==`);
  const resultFile = path.join(folder, `${engine}.json`);
  const databaseUrl = engine === 'sqlite' ? path.join(folder, 'bench.db') : postgresUrl('coffer_bench_http');
  const child = spawn('node_modules/.bin/tsx', ['bench/engine.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...env, BENCH_ENGINE: engine, DATABASE_URL: databaseUrl, BENCH_RESULT_FILE: resultFile, BENCH_BUNDLES: withBundles ? '1' : '0' },
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`bench/engine.ts (${engine}) exited with ${code}`);
  return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as EngineResult;
}

/** bench/ledger.ts in its own process and database; its printed figures. */
function runLedger(engine: Engine) {
  const started = performance.now();
  const ledgerEnv = { ...env, BENCH_ENGINE: engine, BENCH_TRANSFERS: process.env.BENCH_TRANSFERS ?? '5000', ...(engine === 'postgres' ? { DATABASE_URL: postgresUrl('coffer_bench_ledger') } : {}) };
  const run = spawnSync('node_modules/.bin/tsx', ['bench/ledger.ts'], { encoding: 'utf8', env: ledgerEnv });
  if (run.status !== 0) throw new Error(`bench/ledger.ts (${engine}) failed:\n${run.stdout}${run.stderr}`);
  const figure = (label: RegExp) => Number(run.stdout.match(label)?.[1]?.replaceAll(',', '') ?? Number.NaN);
  const historyRow = (label: string) => {
    const match = run.stdout.match(new RegExp(`${label.replace(/[()]/g, '\\$&')}\\s+([\\d.]+) µs\\s+([\\d.]+) µs\\s+([\\d.]+)`));
    return { smallUs: Number(match?.[1]), largeUs: Number(match?.[2]), ratio: Number(match?.[3]) };
  };
  console.log(`Ledger bench (${engine}) run in ${seconds(performance.now() - started)}.`);
  return {
    ledgerPerSecond: figure(/postTransfer \(ledger\):\s+([\d,]+)\/s/),
    rawPerSecond: figure(/raw prepared statements:\s+([\d,]+)\/s/),
    ratio: figure(/ratio ledger\/raw:\s+([\d.]+)/),
    commitFloorPerSecond: figure(/commit floor:\s+([\d,]+)\/s/),
    balance: historyRow('balance'),
    firstPage: historyRow('first page (10 rows)'),
    deepestPage: historyRow('deepest page'),
    verified: /verifyLedger .*: ok/.test(run.stdout),
    output: run.stdout,
  };
}

const results: (EngineResult & { ledger: ReturnType<typeof runLedger> })[] = [];
try {
  for (const [index, engine] of engines.entries()) {
    const measured = await measureEngine(engine, index === 0);
    results.push({ ...measured, ledger: runLedger(engine) });
  }
} finally {
  await postgres?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
}

// ---- Table and results.json ------------------------------------------------------------------
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
const rows: [string, string, string, string, string][] = [];
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const engineName = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;
let failures = 0;
const historyLabel = `${smallHistory / 1000}k vs ${largeHistory >= 1_000_000 ? `${largeHistory / 1_000_000}M` : `${largeHistory / 1000}k`} entries`;
for (const result of results) {
  rows.push([`${engineName[result.engine]}`, '', '', '', '']);
  for (const page of result.pages) {
    rows.push([`GET ${page.page} p50`, ms(page.small.p50Ms), ms(page.large.p50Ms), page.ratioP50.toFixed(2), `≤ 1.5 ${verdict(page.ratioP50 <= 1.5)}`]);
    rows.push([`GET ${page.page} p95`, ms(page.small.p95Ms), ms(page.large.p95Ms), page.ratioP95.toFixed(2), `≤ 1.5 ${verdict(page.ratioP95 <= 1.5)}`]);
  }
  for (const bundle of result.bundles) {
    rows.push([`JS for ${bundle.page} (gzip)`, `${bundle.scripts} scripts`, kb(bundle.gzipBytes), '', `≤ 150 KB ${verdict(bundle.gzipBytes <= 150 * 1024)}`]);
  }
  const { sides } = result.payments;
  const bare = sides.bare;
  const errorsOf = (side: typeof bare | undefined) => (side ? side.non2xx + side.errors : 0);
  failures += Object.values(sides).reduce((total, side) => total + errorsOf(side), 0);
  for (const [name, label] of [['app', '1 app server'], ['app2', '2 app servers']] as const) {
    const side = sides[name];
    if (!side || !bare) continue;
    const ratio = side.requestsPerSecond / bare.requestsPerSecond;
    const goal = result.engine === 'sqlite' ? `≥ 0.3 ${verdict(ratio >= 0.3)}` : 'reported';
    rows.push([`Wallet payments/s, ${result.payments.connections} conn., ${label}`, `${perSecond(bare.requestsPerSecond)} bare`, `${perSecond(side.requestsPerSecond)} app`, ratio.toFixed(2), goal]);
    rows.push(['  latency p50 / p99', `${bare.p50Ms.toFixed(0)} / ${bare.p99Ms} ms`, `${side.p50Ms.toFixed(0)} / ${side.p99Ms} ms`, '', '']);
    rows.push(['  server CPU per payment', `${(bare.serverCpuMs / bare.total).toFixed(2)} ms`, `${(side.serverCpuMs / side.total).toFixed(2)} ms`, ((bare.serverCpuMs / bare.total) / (side.serverCpuMs / side.total)).toFixed(2), '']);
    rows.push(['  errors (non-2xx + socket)', String(errorsOf(bare)), String(errorsOf(side)), '', `0 ${verdict(errorsOf(side) + errorsOf(bare) === 0)}`]);
  }
  const { ledger } = result;
  rows.push(['Ledger transfers/s', `${perSecond(ledger.rawPerSecond)} raw`, `${perSecond(ledger.ledgerPerSecond)} ledger`, ledger.ratio.toFixed(2), `≥ 0.7 ${verdict(ledger.ratio >= 0.7)}`]);
  for (const [label, row] of [['balance', ledger.balance], ['first page', ledger.firstPage], ['deepest page', ledger.deepestPage]] as const) {
    rows.push([`Ledger ${label} (${historyLabel})`, `${row.smallUs} µs`, `${row.largeUs} µs`, row.ratio.toFixed(2), `≤ 1.5 ${verdict(row.ratio <= 1.5)}`]);
  }
  rows.push(['Ledger verified after payments / bench', result.verifiedAfterPayments ? 'ok' : 'FAILED', ledger.verified ? 'ok' : 'FAILED', '', '']);
}
const header: [string, string, string, string, string] = ['Measure', 'Small / limit', 'Large / app', 'Ratio', 'Goal'];
const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]?.length ?? 0)));
const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n${rows.map(line).join('\n')}`);
console.log(`\nTotal ${seconds(performance.now() - benchStarted)} (build ${seconds(buildMs)}).`);

const allVerified = results.every((result) => result.verifiedAfterPayments && result.ledger.verified);
fs.writeFileSync(
  path.join('bench', 'results.json'),
  `${JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.availableParallelism(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg() },
      history: { small: smallHistory, large: largeHistory },
      engines: results.map(({ ledger: { output, ...ledger }, ...result }) => ({ ...result, ledger })),
      buildMs: Math.round(buildMs),
      totalMs: Math.round(performance.now() - benchStarted),
    },
    null,
    2,
  )}\n`,
);
console.log('Wrote bench/results.json.');
if (!allVerified || failures > 0) process.exitCode = 1;
