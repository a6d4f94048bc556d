// Page speed against history size, and the JavaScript a page makes the browser download.
import { gzipSync } from 'node:zlib';

/** Signs in through Auth.js's credentials endpoint, as the sign-in form does; returns the Cookie header. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/my/wallet` }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('authjs.session-token='));
  if (!session) throw new Error(`sign-in as ${email} failed (${response.status})`);
  return session.split(';')[0] ?? '';
}

/** Milliseconds from sending a GET to having read the whole body; fails on anything but a 200. */
async function timedGet(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return elapsed;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export type Timing = { p50Ms: number; p95Ms: number };
export type PageComparison = { page: string; small: Timing; large: Timing; ratioP50: number; ratioP95: number };

/**
 * One request at a time, small and large strictly alternating so that a hiccup of the shared
 * machine lands on both alike; `requests` timed per side after a warm-up.
 */
export async function comparePage(page: string, small: { url: string; cookie: string }, large: { url: string; cookie: string }, requests = 100): Promise<PageComparison> {
  const sides = [small, large];
  for (const side of sides) for (let i = 0; i < 5; i++) await timedGet(side.url, side.cookie);
  const samples: number[][] = [[], []];
  for (let i = 0; i < requests; i++) {
    for (const [index, side] of sides.entries()) samples[index]?.push(await timedGet(side.url, side.cookie));
  }
  const [smallTiming, largeTiming] = samples.map((values) => {
    const sorted = values.sort((a, b) => a - b);
    return { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
  });
  if (!smallTiming || !largeTiming) throw new Error('no samples');
  return { page, small: smallTiming, large: largeTiming, ratioP50: largeTiming.p50Ms / smallTiming.p50Ms, ratioP95: largeTiming.p95Ms / smallTiming.p95Ms };
}

export type BundleSize = { page: string; scripts: number; rawBytes: number; gzipBytes: number; chunks: { src: string; gzipBytes: number }[] };

/** The page's <script src> chunks a modern browser loads, each gzipped (level 6, as `next start` would) and summed. */
export async function measureBundle(origin: string, page: string, cookie: string): Promise<BundleSize> {
  const response = await fetch(`${origin}${page}`, { headers: { cookie }, redirect: 'manual' });
  if (response.status !== 200) throw new Error(`GET ${page} answered ${response.status}`);
  const html = await response.text();
  // noModule scripts are polyfills that modern browsers skip.
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]).filter((tag) => !/\bnomodule\b/i.test(tag));
  const sources = new Set(tags.flatMap((tag) => tag.match(/\bsrc="([^"]+)"/)?.[1] ?? []));
  let rawBytes = 0;
  const chunks = [];
  for (const source of sources) {
    const script = Buffer.from(await (await fetch(new URL(source.replaceAll('&amp;', '&'), origin))).arrayBuffer());
    rawBytes += script.length;
    chunks.push({ src: source, gzipBytes: gzipSync(script, { level: 6 }).length });
  }
  chunks.sort((a, b) => b.gzipBytes - a.gzipBytes);
  const gzipBytes = chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
  return { page, scripts: sources.size, rawBytes, gzipBytes, chunks };
}
