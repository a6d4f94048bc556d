import net from 'node:net';
import { z } from 'zod';

const hopsSchema = z.coerce.number().int().min(0).max(10).default(0);

/**
 * TRUSTED_PROXY_HOPS: how many proxies the operator runs in front of Coffer, each appending the
 * address it was connected from to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for). Default 0.
 */
export function trustedProxyHops(value = process.env.TRUSTED_PROXY_HOPS): number {
  const parsed = hopsSchema.safeParse(value?.trim() || undefined);
  if (!parsed.success) throw new Error('TRUSTED_PROXY_HOPS must be a whole number from 0 to 10.');
  return parsed.data;
}

/**
 * The sign-in client's address for throttling, never a value the client chose: the entry the
 * outermost trusted proxy appended, i.e. the hops-th from the right of X-Forwarded-For. With no
 * trusted proxy the answer is '' (unknown): route handlers under `next start` see headers only,
 * and Next fills X-Forwarded-For with the socket address only when the client sent none, so the
 * header cannot be told apart from one the client wrote. '' is not throttled as an address.
 */
export function clientAddress(headers: Headers, hops = trustedProxyHops()): string {
  if (hops === 0) return '';
  const chain = (headers.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim());
  const hop = chain.length >= hops ? chain[chain.length - hops] : undefined;
  return hop && net.isIP(hop) !== 0 ? hop : '';
}
