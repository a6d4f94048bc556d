// Wallet payments per second over HTTP: the app's merchant API route (signed like the platform's
// clients sign) on one or more app servers vs a bare node:http server calling the same lib
// function, in alternating rounds of the same run, each driven by autocannon with the same total
// connections for the same time (split evenly when a side has several servers).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { processTreeCpuMs } from './cpu';
import type { Database } from '@/db/database';
import { createApiKey } from '@/lib/api/secrets';
import { requestSignature } from '@/lib/api/signature';
import { createUser } from '@/lib/auth/users';
import { postTransfer } from '@/lib/ledger';

export const PAYMENT_PATH = '/api/craftgate/payment/v1/card-payments';

export type LoadResult = { requestsPerSecond: number; p50Ms: number; p99Ms: number; total: number; non2xx: number; errors: number; timeouts: number; serverCpuMs: number };
/** One side of the comparison: the servers it spreads its connections over (signed: the app's API). */
export type Target = { name: string; signed: boolean; servers: { url: string; pid: number }[] };
export type PaymentsResult = { connections: number; seconds: number; sides: Record<string, LoadResult> };

/** A shopper whose wallet covers far more $1.00 payments than a run can make, and an API key. */
export async function preparePayer(db: Database, staffId: number, currency = 'USD') {
  const payer = await createUser(db, { name: 'Bench Payer', email: 'payer@bench.invalid', password: 'bench-payer-password' });
  await db.write((tx) =>
    postTransfer(tx, { debit: { system: 'card_clearing', currency }, credit: { wallet: payer.id, currency }, amount: 100_000_000, currency, kind: 'deposit_card', idempotencyKey: 'bench-payer-funds', description: { code: 'text', params: { text: 'Bench funds' } } }),
  );
  const key = await createApiKey(db, { name: 'bench', staffId });
  return { payerId: payer.id, key, staffId, currency };
}

export type Payer = Awaited<ReturnType<typeof preparePayer>>;

function paymentBody(payer: Payer): string {
  return JSON.stringify({ price: 1, paidPrice: 1, walletPrice: 1, currency: payer.currency, buyerMemberId: payer.payerId, items: [{ name: 'Bench item', price: 1 }] });
}

/** The headers the platform's clients send: a fresh random key and its signature on every request. */
function signedHeaders(payer: Payer, url: string, body: string): Record<string, string> {
  const rnd = crypto.randomBytes(8).toString('hex');
  return {
    'content-type': 'application/json',
    'x-api-key': payer.key.apiKey,
    'x-rnd-key': rnd,
    'x-auth-version': '1',
    'x-signature': requestSignature({ url, apiKey: payer.key.apiKey, secretKey: payer.key.secretKey, rnd, body }),
  };
}

async function loadOne(server: { url: string; pid: number }, headers: () => Record<string, string>, body: string, connections: number, seconds: number): Promise<LoadResult> {
  const cpuBefore = processTreeCpuMs(server.pid);
  const result = await autocannon({
    url: server.url,
    method: 'POST',
    body,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [{ setupRequest: (request) => ({ ...request, headers: headers() }) }],
  });
  return {
    requestsPerSecond: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    serverCpuMs: processTreeCpuMs(server.pid) - cpuBefore,
  };
}

/** Drives every server of a side at once, the connections split evenly; p50 weighted by requests, p99 the worst. */
async function load(target: Target, payer: Payer, body: string, connections: number, seconds: number): Promise<LoadResult> {
  const count = target.servers.length;
  const parts = await Promise.all(
    target.servers.map((server, index) => {
      const headers = target.signed ? () => signedHeaders(payer, server.url, body) : () => ({ 'content-type': 'application/json' });
      const share = Math.floor(connections / count) + (index < connections % count ? 1 : 0);
      return loadOne(server, headers, body, share, seconds);
    }),
  );
  const sum = (pick: (part: LoadResult) => number) => parts.reduce((total, part) => total + pick(part), 0);
  const total = sum((part) => part.total);
  return {
    requestsPerSecond: total / seconds,
    p50Ms: total > 0 ? sum((part) => part.p50Ms * part.total) / total : Number.NaN,
    p99Ms: Math.max(...parts.map((part) => part.p99Ms)),
    total,
    non2xx: sum((part) => part.non2xx),
    errors: sum((part) => part.errors),
    timeouts: sum((part) => part.timeouts),
    serverCpuMs: sum((part) => part.serverCpuMs),
  };
}

/** Starts bench/wallet-server.ts in its own process (a server sharing our event loop would measure us). */
export async function startBareServer(env: NodeJS.ProcessEnv, payer: Payer) {
  const child = spawn('node_modules/.bin/tsx', ['bench/wallet-server.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...env, BENCH_API_KEY_ID: String(payer.key.id), BENCH_STAFF_ID: String(payer.staffId) },
  });
  const lines = readline.createInterface({ input: child.stdout });
  const [firstLine] = await once(lines, 'line', { signal: AbortSignal.timeout(30_000) });
  return {
    url: `http://127.0.0.1:${Number(firstLine)}/pay`,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Sums rounds of one side: rate over all of them, the median round's p50, the worst round's p99. */
function combine(rounds: LoadResult[], seconds: number): LoadResult {
  const sum = (pick: (round: LoadResult) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const p50s = rounds.map((round) => round.p50Ms).sort((a, b) => a - b);
  return {
    requestsPerSecond: sum((round) => round.total) / (seconds * rounds.length),
    p50Ms: p50s[Math.floor(p50s.length / 2)] ?? Number.NaN,
    p99Ms: Math.max(...rounds.map((round) => round.p99Ms)),
    total: sum((round) => round.total),
    non2xx: sum((round) => round.non2xx),
    errors: sum((round) => round.errors),
    timeouts: sum((round) => round.timeouts),
    serverCpuMs: sum((round) => round.serverCpuMs),
  };
}

/**
 * Measures every side with `connections` connections in all, in alternating rounds of `seconds`
 * each after a short warm-up: commit latency on a shared disk drifts a lot, and every side should
 * see the same weather. Each app server is checked with one payment first.
 */
export async function measurePayments(targets: Target[], payer: Payer, connections = 10, seconds = 2, rounds = 6): Promise<PaymentsResult> {
  const body = paymentBody(payer);
  for (const target of targets.filter((each) => each.signed)) {
    for (const server of target.servers) {
      const check = await fetch(server.url, { method: 'POST', headers: signedHeaders(payer, server.url, body), body });
      if (!check.ok) throw new Error(`the API refused a bench payment: ${check.status} ${await check.text()}`);
    }
  }
  for (const target of targets) await load(target, payer, body, connections, 1);
  const results: Record<string, LoadResult[]> = Object.fromEntries(targets.map((target) => [target.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) results[target.name]?.push(await load(target, payer, body, connections, seconds));
  }
  return {
    connections,
    seconds: seconds * rounds,
    sides: Object.fromEntries(Object.entries(results).map(([name, sideRounds]) => [name, combine(sideRounds, seconds)])),
  };
}
