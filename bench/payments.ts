// Wallet payments per second over HTTP: the app's merchant API route (signed like the platform's
// clients sign) vs a bare node:http server calling the same lib function, one after the other in
// the same run, each driven by autocannon with the same connections for the same time.
// Import after DATABASE_URL is set: the connection opens on import.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import readline from 'node:readline';
import autocannon from 'autocannon';
import type { RunningApp } from './app-server';
import { processTreeCpuMs } from './cpu';
import { createApiKey } from '@/lib/api/secrets';
import { requestSignature } from '@/lib/api/signature';
import { createUser } from '@/lib/auth/users';
import { postTransfer } from '@/lib/ledger';

const PAYMENT_PATH = '/api/craftgate/payment/v1/card-payments';

export type LoadResult = { requestsPerSecond: number; p50Ms: number; p99Ms: number; total: number; non2xx: number; errors: number; timeouts: number; serverCpuMs: number };
export type PaymentsResult = { connections: number; seconds: number; app: LoadResult; bare: LoadResult; ratio: number; cpuRatio: number };

/** A shopper whose wallet covers far more $1.00 payments than a run can make, and an API key. */
export async function preparePayer(staffId: number, currency = 'USD') {
  const payer = await createUser({ name: 'Bench Payer', email: 'payer@bench.invalid', password: 'bench-payer-password' });
  postTransfer({ debit: { system: 'card_clearing', currency }, credit: { wallet: payer.id, currency }, amount: 100_000_000, currency, kind: 'deposit_card', idempotencyKey: 'bench-payer-funds', description: 'Bench funds' });
  const key = createApiKey({ name: 'bench', staffId });
  return { payerId: payer.id, key, staffId, currency };
}

type Payer = Awaited<ReturnType<typeof preparePayer>>;

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

async function load(server: { url: string; pid: number }, headers: () => Record<string, string>, body: string, connections: number, seconds: number): Promise<LoadResult> {
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

/** Starts bench/wallet-server.ts in its own process (a server sharing our event loop would measure us). */
async function startBareServer(env: NodeJS.ProcessEnv, payer: Payer) {
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
 * Measures both servers with `connections` connections, in alternating rounds of `seconds` each
 * after a short warm-up: commit latency on a shared disk drifts a lot, and both sides should
 * see the same weather.
 */
export async function measurePayments(appServer: RunningApp, env: NodeJS.ProcessEnv, payer: Payer, connections = 10, seconds = 2, rounds = 6): Promise<PaymentsResult> {
  const body = paymentBody(payer);
  const appUrl = `${appServer.origin}${PAYMENT_PATH}`;
  const app = { url: appUrl, pid: appServer.pid };
  const appHeaders = () => signedHeaders(payer, appUrl, body);
  const bareHeaders = () => ({ 'content-type': 'application/json' });
  const check = await fetch(appUrl, { method: 'POST', headers: appHeaders(), body });
  if (!check.ok) throw new Error(`the API refused a bench payment: ${check.status} ${await check.text()}`);

  const bareServer = await startBareServer(env, payer);
  try {
    await load(app, appHeaders, body, connections, 1);
    await load(bareServer, bareHeaders, body, connections, 1);
    const appRounds: LoadResult[] = [];
    const bareRounds: LoadResult[] = [];
    for (let round = 0; round < rounds; round++) {
      appRounds.push(await load(app, appHeaders, body, connections, seconds));
      bareRounds.push(await load(bareServer, bareHeaders, body, connections, seconds));
    }
    const appTotal = combine(appRounds, seconds);
    const bareTotal = combine(bareRounds, seconds);
    const cpuPerPayment = (side: LoadResult) => side.serverCpuMs / side.total;
    return {
      connections,
      seconds: seconds * rounds,
      app: appTotal,
      bare: bareTotal,
      ratio: appTotal.requestsPerSecond / bareTotal.requestsPerSecond,
      cpuRatio: cpuPerPayment(bareTotal) / cpuPerPayment(appTotal),
    };
  } finally {
    await bareServer.stop();
  }
}
