import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxyHops } from './client-address';

const withForwardedFor = (value: string) => new Headers({ 'x-forwarded-for': value, 'x-real-ip': '6.6.6.6' });

describe('the address a sign-in is throttled by', () => {
  it.each([
    ['no trusted proxy: X-Forwarded-For is ignored, the address is unknown', '6.6.6.6', 0, ''],
    ['one proxy: the hop it appended, not what the client wrote before it', '6.6.6.6, 203.0.113.9', 1, '203.0.113.9'],
    ['two proxies: the hop the outer one appended', '6.6.6.6, 203.0.113.9, 10.0.0.2', 2, '203.0.113.9'],
    ['fewer hops than proxies: unknown', '203.0.113.9', 2, ''],
    ['not an address: unknown', '6.6.6.6, evil', 1, ''],
    ['IPv6', '6.6.6.6, 2001:db8::7', 1, '2001:db8::7'],
  ])('%s', (_case, header, hops, expected) => {
    expect(clientAddress(withForwardedFor(header), hops)).toBe(expected);
  });

  it('reads TRUSTED_PROXY_HOPS, 0 by default, and refuses nonsense', () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops(' 2 ')).toBe(2);
    expect(() => trustedProxyHops('one')).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
