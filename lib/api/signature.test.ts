// The URL each official client signs, rebuilt from what a route handler sees under `next start`.
// Each case is a request target exactly as that client sends it (its source named beside it) and
// the decoded URL it signs; the handler's view is made by Next's own normalizeCdnUrl
// (test/api/next-start.ts). The same cases run end to end through HTTP in test/api/official-clients.test.ts.
import { describe, expect, it } from 'vitest';
import { targetUnderNextStart } from '@/test/api/next-start';
import { signedUrlCandidates } from './signature';

const origin = 'https://shop.example.com';
const base = `${origin}/api/craftgate`;

/** The request the handler gets for a raw target: Next's target, on Next's own origin, with the client's Host. */
function underNextStart(rawTarget: string): Request {
  return new Request(new URL(targetUnderNextStart(`/api/craftgate${rawTarget}`), 'http://localhost:3000'), { headers: { host: 'shop.example.com', 'x-forwarded-proto': 'https' } });
}

const memberLists = ['memberIds'];
const walletLists = ['walletTransactionTypes'];

const cases: { client: string; raw: string; signed: string; lists?: string[] }[] = [
  // Node (src/lib/utils.ts serializeParams + HttpClient._injectHeaders: decodeURIComponent(axios getUri)).
  { client: 'Node, a space', raw: '/onboarding/v1/members?name=Haluk%20Demir&page=0', signed: '/onboarding/v1/members?name=Haluk Demir&page=0', lists: memberLists },
  { client: 'Node, an empty list first', raw: '/wallet/v1/wallets/7/wallet-transactions?&minAmount=50&page=0&size=1', signed: '/wallet/v1/wallets/7/wallet-transactions?&minAmount=50&page=0&size=1', lists: walletLists },
  { client: 'Node, an empty list between', raw: '/wallet/v1/wallets/7/wallet-transactions?page=0&&size=1', signed: '/wallet/v1/wallets/7/wallet-transactions?page=0&&size=1', lists: walletLists },
  { client: 'Node, an empty list last', raw: '/wallet/v1/wallets/7/wallet-transactions?page=0&', signed: '/wallet/v1/wallets/7/wallet-transactions?page=0&', lists: walletLists },
  { client: 'Node, only an empty list', raw: '/wallet/v1/wallets/7/wallet-transactions', signed: '/wallet/v1/wallets/7/wallet-transactions', lists: walletLists },
  { client: 'Node, a list as repeated keys', raw: '/onboarding/v1/members?memberIds=1&memberIds=2&name=a', signed: '/onboarding/v1/members?memberIds=1&memberIds=2&name=a', lists: memberLists },
  { client: 'Node, an undefined field', raw: '/onboarding/v1/members?name=&page=0', signed: '/onboarding/v1/members?name=&page=0', lists: memberLists },
  { client: 'Node, a date, + and &', raw: '/payment-reporting/v1/refunds?conversationId=A%2BB%20%26%20C&minCreatedDate=2026-01-01T00%3A00%3A00.000Z', signed: '/payment-reporting/v1/refunds?conversationId=A+B & C&minCreatedDate=2026-01-01T00:00:00.000Z' },
  // Java (RequestQueryParamsBuilder: URLEncoder, '+' → '%20', a list comma-joined, '&' after every field; HashGenerator: URLDecoder).
  { client: 'Java, a trailing &', raw: '/onboarding/v1/members?page=0&size=10&name=Haluk%20Demir&memberIds=1%2C2&', signed: '/onboarding/v1/members?page=0&size=10&name=Haluk Demir&memberIds=1,2&', lists: memberLists },
  { client: 'Java, an empty list', raw: '/wallet/v1/wallets/7/wallet-transactions?page=0&size=10&walletTransactionTypes=&', signed: '/wallet/v1/wallets/7/wallet-transactions?page=0&size=10&walletTransactionTypes=&', lists: walletLists },
  { client: 'Java, no field set', raw: '/payment-reporting/v1/refunds?', signed: '/payment-reporting/v1/refunds?' },
  { client: 'Java, a LocalDateTime', raw: '/payment-reporting/v1/refunds?minCreatedDate=2026-01-01T10%3A00%3A00&', signed: '/payment-reporting/v1/refunds?minCreatedDate=2026-01-01T10:00:00&' },
  // Python (request_query_params_builder.py: quote(safe=''), lists comma-joined; hash_generator.py: unquote_plus).
  { client: 'Python', raw: '/onboarding/v1/members?page=0&size=10&name=Haluk%20Demir&memberIds=1%2C2', signed: '/onboarding/v1/members?page=0&size=10&name=Haluk Demir&memberIds=1,2', lists: memberLists },
  // PHP (QueryBuilder: http_build_query, '+' → '%20', arrays as k[0]=v; Signature: urldecode).
  { client: 'PHP, comma-joined', raw: '/onboarding/v1/members?name=Zeytinya%C4%9F%C4%B1%20%C3%9Cretim&page=0&size=25&memberIds=1%2C2', signed: '/onboarding/v1/members?name=Zeytinyağı Üretim&page=0&size=25&memberIds=1,2', lists: memberLists },
  { client: 'PHP, an array', raw: '/wallet/v1/wallets/7/wallet-transactions?walletTransactionTypes%5B0%5D=PAYMENT_REDEEM&walletTransactionTypes%5B1%5D=REMITTANCE', signed: '/wallet/v1/wallets/7/wallet-transactions?walletTransactionTypes[0]=PAYMENT_REDEEM&walletTransactionTypes[1]=REMITTANCE', lists: walletLists },
];

describe('the URL a client signed, rebuilt under next start', () => {
  it.each(cases)('$client: $raw', ({ raw, signed, lists }) => {
    const request = underNextStart(raw);
    // The handler does not see what was sent whenever Next re-serialised it.
    if (targetUnderNextStart(`/api/craftgate${raw}`) !== `/api/craftgate${raw}`) expect(decodeURIComponent(request.url)).not.toBe(`${base}${signed}`);
    expect(signedUrlCandidates(request, { listParams: lists })).toContain(`${base}${signed}`);
  });

  it('takes the target as it arrived when nothing re-serialised it', () => {
    const request = new Request(`${base}/onboarding/v1/members?name=a+b&page=0&`);
    expect(signedUrlCandidates(request)[0]).toBe(`${base}/onboarding/v1/members?name=a+b&page=0&`);
  });

  it('offers only URLs with the same path and the same pairs, in the same order', () => {
    const request = underNextStart('/onboarding/v1/members?name=Haluk%20Demir&page=0');
    const served = [...new URL(request.url).searchParams];
    for (const candidate of signedUrlCandidates(request, { listParams: memberLists })) {
      expect(candidate.startsWith(`${base}/onboarding/v1/members`)).toBe(true);
      const query = candidate.split('?')[1] ?? '';
      // A '+' in the target as it arrived is the space the handler reads.
      expect(query.replaceAll('+', ' ').split('&').filter((pair) => pair !== '').map((pair) => pair.split('='))).toEqual(served);
    }
  });

  it('leaves room for empty pairs only where the route has a list parameter that was not sent', () => {
    const request = underNextStart('/wallet/v1/merchants/me/wallet?&page=0');
    expect(signedUrlCandidates(request)).not.toContain(`${base}/wallet/v1/merchants/me/wallet?&page=0`);
    expect(signedUrlCandidates(underNextStart('/onboarding/v1/members?memberIds=1&&page=0'), { listParams: memberLists })).not.toContain(
      `${base}/onboarding/v1/members?memberIds=1&&page=0`,
    );
  });

  it('stays a small set however many lists a route has', () => {
    const pairs = Array.from({ length: 20 }, (_, i) => `p${i}=${i}`).join('&');
    expect(signedUrlCandidates(underNextStart(`/x?${pairs}`), { listParams: ['a', 'b', 'c', 'd', 'e'] }).length).toBeLessThan(300);
    expect(signedUrlCandidates(underNextStart(`/x?${pairs}&p20=20`), { listParams: ['a'] }).length).toBeLessThanOrEqual(3);
  });
});
