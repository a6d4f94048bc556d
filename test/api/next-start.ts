// What `next start` hands a route handler as its request target, by Next's own code.
import { createRequire } from 'node:module';

type NormalizeCdnUrl = (req: { url: string }, paramKeys: string[]) => void;
const { normalizeCdnUrl } = createRequire(import.meta.url)('next/dist/server/server-utils') as { normalizeCdnUrl: NormalizeCdnUrl };

/**
 * The request target as a route handler sees it under `next start`. Next 16's route module
 * rewrites req.url with normalizeCdnUrl (next/dist/server/route-modules/route-module.js prepare →
 * next/dist/server/server-utils.js): the query is parsed and re-serialised (a space arrives as '+',
 * empty pairs, a trailing '&' and a bare '?' are dropped, repeated keys are grouped). The handler's
 * request.url is this target on the server's own origin (initURL: http://localhost:<port>).
 */
export function targetUnderNextStart(rawTarget: string): string {
  const req = { url: rawTarget };
  normalizeCdnUrl(req, []);
  return req.url;
}
