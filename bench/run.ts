// npm run bench — the benchmark suite (not a test): pages against history size, JavaScript per
// page, wallet payments per second over HTTP against the machine's limit, and the ledger bench.
// Prints a table and writes bench/results.json. Loopback only; bounded in time (about 5 minutes
// on 2 cores, most of it the production build). BENCH_SKIP_BUILD=1 reuses .next-bench.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIST_DIR, buildApp, startApp } from './app-server';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-bench-http-'));
// Set before anything opens the database: the connection opens on import.
process.env.DATABASE_URL = path.join(folder, 'bench.db');
process.env.AUTH_SECRET = crypto.randomBytes(32).toString('base64url');
delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;
const env = { ...process.env };
const benchStarted = performance.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const { db, sqlite } = await import('@/db/client');
const { migrateDatabase } = await import('@/db/migrate');
const { seedDemoData } = await import('@/db/seed');
const { createUser } = await import('@/lib/auth/users');
const { listAccountHistory, verifyLedger } = await import('@/lib/ledger');
const { addToCart } = await import('@/lib/shop/cart');
const { bulkWalletHistory } = await import('./history');
const { comparePage, measureBundle, signIn } = await import('./pages');
const { measurePayments, preparePayer } = await import('./payments');

// ---- Build -----------------------------------------------------------------------------------
let buildMs = 0;
if (process.env.BENCH_SKIP_BUILD === '1' && fs.existsSync(path.join(BENCH_DIST_DIR, 'BUILD_ID'))) {
  console.log(`Reusing the build in ${BENCH_DIST_DIR}.`);
} else {
  console.log(`Building into ${BENCH_DIST_DIR} …`);
  buildMs = buildApp({ ...env, NODE_ENV: 'production' });
  console.log(`Built in ${seconds(buildMs)}.`);
}

// ---- Data: two shoppers with 1,000 and 1,000,000 wallet entries ------------------------------
const smallHistory = 1_000;
const largeHistory = Number(process.env.BENCH_LARGE_HISTORY ?? 1_000_000);
let started = performance.now();
await migrateDatabase();
await seedDemoData();
const password = 'bench-password-1';
const small = await createUser({ name: 'Small History', email: 'small@bench.invalid', password });
const large = await createUser({ name: 'Large History', email: 'large@bench.invalid', password });
const staff = await createUser({ name: 'Bench Staff', email: 'staff@bench.invalid', password, role: 'staff' });
bulkWalletHistory(small.id, smallHistory);
bulkWalletHistory(large.id, largeHistory);
const product = sqlite.prepare<[], number>('SELECT id FROM products ORDER BY id LIMIT 1').pluck().get() ?? 0;
addToCart(small.id, product, 1);
const verified = verifyLedger();
if (!verified.ok) throw new Error(`the bench data does not verify: ${verified.problems.slice(0, 3).join('; ')}`);
sqlite.pragma('wal_checkpoint(TRUNCATE)');
console.log(`Data: ${verified.entries.toLocaleString('en-US')} entries written and verified in ${seconds(performance.now() - started)}.`);

// ---- Pages and bundles -----------------------------------------------------------------------
const app = await startApp(env);
let pages;
let bundles;
let payments;
try {
  const [smallCookie, largeCookie, staffCookie] = [await signIn(app.origin, small.email, password), await signIn(app.origin, large.email, password), await signIn(app.origin, staff.email, password)];
  const deepest = (userId: number) => listAccountHistory({ wallet: userId, currency: 'USD' }, { page: 1, pageSize: 10 }).totalPages;
  const at = (pathname: string, cookie: string) => ({ url: `${app.origin}${pathname}`, cookie });
  started = performance.now();
  pages = [
    await comparePage('/my/wallet', at('/my/wallet', smallCookie), at('/my/wallet', largeCookie)),
    await comparePage('/my/wallet/transactions?page=1', at('/my/wallet/transactions?page=1', smallCookie), at('/my/wallet/transactions?page=1', largeCookie)),
    await comparePage(
      '/my/wallet/transactions?page=<last>',
      at(`/my/wallet/transactions?page=${deepest(small.id)}`, smallCookie),
      at(`/my/wallet/transactions?page=${deepest(large.id)}`, largeCookie),
    ),
  ];
  console.log(`Pages timed in ${seconds(performance.now() - started)}.`);
  bundles = [
    await measureBundle(app.origin, '/my/wallet', smallCookie),
    await measureBundle(app.origin, '/checkout', smallCookie),
    await measureBundle(app.origin, '/admin/customers', staffCookie),
  ];

  // ---- HTTP wallet payments --------------------------------------------------------------------
  started = performance.now();
  payments = await measurePayments(app, env, await preparePayer(staff.id));
  console.log(`Payments measured in ${seconds(performance.now() - started)}.`);
} finally {
  await app.stop();
}
const afterPayments = verifyLedger();
sqlite.close();
fs.rmSync(folder, { recursive: true, force: true });

// ---- Ledger (bench/ledger.ts, in its own process and database) -------------------------------
started = performance.now();
const ledgerRun = spawnSync('node_modules/.bin/tsx', ['bench/ledger.ts'], { encoding: 'utf8', env: { ...env, BENCH_TRANSFERS: process.env.BENCH_TRANSFERS ?? '5000' } });
if (ledgerRun.status !== 0) throw new Error(`bench/ledger.ts failed:\n${ledgerRun.stdout}${ledgerRun.stderr}`);
const figure = (label: RegExp) => Number(ledgerRun.stdout.match(label)?.[1]?.replaceAll(',', '') ?? Number.NaN);
const historyRow = (label: string) => {
  const match = ledgerRun.stdout.match(new RegExp(`${label.replace(/[()]/g, '\\$&')}\\s+([\\d.]+) µs\\s+([\\d.]+) µs\\s+([\\d.]+)`));
  return { smallUs: Number(match?.[1]), largeUs: Number(match?.[2]), ratio: Number(match?.[3]) };
};
const ledger = {
  ledgerPerSecond: figure(/postTransfer \(ledger\):\s+([\d,]+)\/s/),
  rawPerSecond: figure(/raw prepared statements:\s+([\d,]+)\/s/),
  ratio: figure(/ratio ledger\/raw:\s+([\d.]+)/),
  balance: historyRow('balance'),
  firstPage: historyRow('first page (10 rows)'),
  deepestPage: historyRow('deepest page'),
  verified: /verifyLedger .*: ok/.test(ledgerRun.stdout),
};
console.log(`Ledger bench run in ${seconds(performance.now() - started)}.`);

// ---- Table and results.json ------------------------------------------------------------------
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: [string, string, string, string, string][] = [];
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
for (const page of pages) {
  rows.push([`GET ${page.page} p50`, ms(page.small.p50Ms), ms(page.large.p50Ms), page.ratioP50.toFixed(2), `≤ 1.5 ${verdict(page.ratioP50 <= 1.5)}`]);
  rows.push([`GET ${page.page} p95`, ms(page.small.p95Ms), ms(page.large.p95Ms), page.ratioP95.toFixed(2), `≤ 1.5 ${verdict(page.ratioP95 <= 1.5)}`]);
}
for (const bundle of bundles) {
  rows.push([`JS for ${bundle.page} (gzip)`, `${bundle.scripts} scripts`, kb(bundle.gzipBytes), '', `≤ 150 KB ${verdict(bundle.gzipBytes <= 150 * 1024)}`]);
}
const failures = payments.app.non2xx + payments.app.errors + payments.bare.non2xx + payments.bare.errors;
rows.push([`Wallet payments/s, ${payments.connections} connections`, `${payments.bare.requestsPerSecond.toFixed(0)}/s bare`, `${payments.app.requestsPerSecond.toFixed(0)}/s app`, payments.ratio.toFixed(2), `≥ 0.3 ${verdict(payments.ratio >= 0.3)}`]);
rows.push(['  latency p50 / p99', `${payments.bare.p50Ms} / ${payments.bare.p99Ms} ms`, `${payments.app.p50Ms} / ${payments.app.p99Ms} ms`, '', '']);
rows.push(['  server CPU per payment', `${(payments.bare.serverCpuMs / payments.bare.total).toFixed(2)} ms`, `${(payments.app.serverCpuMs / payments.app.total).toFixed(2)} ms`, payments.cpuRatio.toFixed(2), '']);
rows.push(['  errors (non-2xx + socket)', String(payments.bare.non2xx + payments.bare.errors), String(payments.app.non2xx + payments.app.errors), '', `0 ${verdict(failures === 0)}`]);
rows.push(['Ledger transfers/s', `${ledger.rawPerSecond.toLocaleString('en-US')}/s raw`, `${ledger.ledgerPerSecond.toLocaleString('en-US')}/s ledger`, ledger.ratio.toFixed(2), `≥ 0.7 ${verdict(ledger.ratio >= 0.7)}`]);
const historyLabel = `${smallHistory / 1000}k vs ${largeHistory >= 1_000_000 ? `${largeHistory / 1_000_000}M` : `${largeHistory / 1000}k`} entries`;
for (const [label, row] of [['balance', ledger.balance], ['first page', ledger.firstPage], ['deepest page', ledger.deepestPage]] as const) {
  rows.push([`Ledger ${label} (${historyLabel})`, `${row.smallUs} µs`, `${row.largeUs} µs`, row.ratio.toFixed(2), `≤ 1.5 ${verdict(row.ratio <= 1.5)}`]);
}
const header: [string, string, string, string, string] = ['Measure', 'Small / limit', 'Large / app', 'Ratio', 'Goal'];
const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]?.length ?? 0)));
const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n${rows.map(line).join('\n')}`);
console.log(`\nLedger verified after the payments: ${afterPayments.ok ? 'ok' : 'FAILED'}. Total ${seconds(performance.now() - benchStarted)} (build ${seconds(buildMs)}).`);

const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: os.availableParallelism(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg() },
  history: { small: smallHistory, large: largeHistory },
  pages,
  bundles,
  payments,
  ledger,
  ledgerVerifiedAfterPayments: afterPayments.ok,
  buildMs: Math.round(buildMs),
  totalMs: Math.round(performance.now() - benchStarted),
};
fs.writeFileSync(path.join('bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('Wrote bench/results.json.');
if (!afterPayments.ok || failures > 0) process.exitCode = 1;
