// One engine's part of `npm run bench` (started by bench/run.ts, one process per engine: the
// tables lib/ queries are chosen once per process from DATABASE_URL): data, pages, bundles and
// HTTP payments against its own database and app server(s). Writes its figures to
// BENCH_RESULT_FILE as JSON.
// Env: BENCH_ENGINE (sqlite | postgres), DATABASE_URL (an empty SQLite file path or PostgreSQL
// database), BENCH_BUNDLES=1 to measure JavaScript per page, and run.ts's knobs.
import fs from 'node:fs';
import { startApp, type RunningApp } from './app-server';

const engine = process.env.BENCH_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const knob = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const smallHistory = 1_000;
const largeHistory = knob('BENCH_LARGE_HISTORY', 1_000_000);
const pageRequests = knob('BENCH_PAGE_REQUESTS', 100);
const rounds = knob('BENCH_ROUNDS', 6);
const roundSeconds = knob('BENCH_ROUND_SECONDS', 2);
const connections = 10;
const env = { ...process.env };
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const { asc, sql } = await import('drizzle-orm');
const { getDatabase } = await import('@/db');
const { migrateDatabase } = await import('@/db/migrate');
const { products } = await import('@/db/schema');
const { seedDemoData } = await import('@/db/seed');
const { createUser } = await import('@/lib/auth/users');
const { listAccountHistory, verifyLedger } = await import('@/lib/ledger');
const { addToCart } = await import('@/lib/shop/cart');
const { bulkWalletHistory } = await import('./history');
const { comparePage, measureBundle, signIn } = await import('./pages');
const { measurePayments, preparePayer, startBareServer, PAYMENT_PATH } = await import('./payments');

export type EngineResult = {
  engine: 'sqlite' | 'postgres';
  dataMs: number;
  pages: Awaited<ReturnType<typeof comparePage>>[];
  bundles: Awaited<ReturnType<typeof measureBundle>>[];
  payments: Awaited<ReturnType<typeof measurePayments>>;
  verifiedAfterPayments: boolean;
};

/** Pages, bundles (once) and HTTP payments on one engine, with its own database and app server(s). */
async function measureEngine(withBundles: boolean): Promise<EngineResult> {
  const db = getDatabase();
  const engineEnv = env;

  // Data: two shoppers with 1,000 and 1,000,000 wallet entries.
  let started = performance.now();
  await migrateDatabase();
  await seedDemoData(db);
  const password = 'bench-password-1';
  const small = await createUser(db, { name: 'Small History', email: 'small@bench.invalid', password });
  const large = await createUser(db, { name: 'Large History', email: 'large@bench.invalid', password });
  const staff = await createUser(db, { name: 'Bench Staff', email: 'staff@bench.invalid', password, role: 'staff' });
  await bulkWalletHistory(db, small.id, smallHistory);
  await bulkWalletHistory(db, large.id, largeHistory);
  const [product] = await db.read.select({ id: products.id }).from(products).orderBy(asc(products.id)).limit(1);
  await addToCart(db, small.id, product?.id ?? 0, 1);
  const verified = await verifyLedger(db.read);
  if (!verified.ok) throw new Error(`the bench data does not verify: ${verified.problems.slice(0, 3).join('; ')}`);
  // A live database checkpoints its WAL as it goes; do the same after the bulk load.
  if (engine === 'sqlite') await db.read.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
  const dataMs = performance.now() - started;
  console.log(`Data: ${verified.entries.toLocaleString('en-US')} entries written and verified in ${seconds(dataMs)}.`);

  const apps: RunningApp[] = [];
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    // Pages and bundles.
    apps.push(await startApp(engineEnv));
    const [app] = apps as [RunningApp];
    const [smallCookie, largeCookie, staffCookie] = [await signIn(app.origin, small.email, password), await signIn(app.origin, large.email, password), await signIn(app.origin, staff.email, password)];
    const deepest = async (userId: number) => (await listAccountHistory(db.read, { wallet: userId, currency: 'USD' }, { page: 1, pageSize: 10 })).totalPages;
    const at = (pathname: string, cookie: string) => ({ url: `${app.origin}${pathname}`, cookie });
    started = performance.now();
    const pages = [
      await comparePage('/my/wallet', at('/my/wallet', smallCookie), at('/my/wallet', largeCookie), pageRequests),
      await comparePage('/my/wallet/transactions?page=1', at('/my/wallet/transactions?page=1', smallCookie), at('/my/wallet/transactions?page=1', largeCookie), pageRequests),
      await comparePage(
        '/my/wallet/transactions?page=<last>',
        at(`/my/wallet/transactions?page=${await deepest(small.id)}`, smallCookie),
        at(`/my/wallet/transactions?page=${await deepest(large.id)}`, largeCookie),
        pageRequests,
      ),
    ];
    console.log(`Pages timed in ${seconds(performance.now() - started)}.`);
    const bundles = withBundles
      ? [
          await measureBundle(app.origin, '/my/wallet', smallCookie),
          await measureBundle(app.origin, '/checkout', smallCookie),
          await measureBundle(app.origin, '/admin/customers', staffCookie),
        ]
      : [];

    // HTTP wallet payments: the bare server, the app, and on PostgreSQL two app servers on one database.
    started = performance.now();
    const payer = await preparePayer(db, staff.id);
    bare = await startBareServer(engineEnv, payer);
    if (engine === 'postgres') apps.push(await startApp(engineEnv));
    const paymentUrl = (each: RunningApp) => ({ url: `${each.origin}${PAYMENT_PATH}`, pid: each.pid });
    const targets = [
      { name: 'bare', signed: false, servers: [{ url: bare.url, pid: bare.pid }] },
      { name: 'app', signed: true, servers: [paymentUrl(app)] },
      ...(apps.length > 1 ? [{ name: 'app2', signed: true, servers: apps.map(paymentUrl) }] : []),
    ];
    const payments = await measurePayments(targets, payer, connections, roundSeconds, rounds);
    console.log(`Payments measured in ${seconds(performance.now() - started)}.`);
    await bare.stop();
    bare = undefined;
    for (const each of apps.splice(0)) await each.stop();
    const afterPayments = await verifyLedger(db.read);
    if (!afterPayments.ok) console.error(afterPayments.problems.slice(0, 5).join('\n'));
    return { engine, dataMs, pages, bundles, payments, verifiedAfterPayments: afterPayments.ok };
  } finally {
    await bare?.stop();
    for (const each of apps) await each.stop();
    await db.close();
  }
}

const result = await measureEngine(process.env.BENCH_BUNDLES === '1');
fs.writeFileSync(process.env.BENCH_RESULT_FILE ?? 'bench/engine-result.json', JSON.stringify(result));
process.exit(0);
