// Item 14 of issue 13: '/payments/%ZZ' answered 500. Next's router decodes each dynamic segment
// and throws on one it cannot decode, before any page runs; the proxy, which runs first, answers 404.
import { NextRequest } from 'next/server';
import { getRouteMatcher } from 'next/dist/shared/lib/router/utils/route-matcher';
import { getRouteRegex } from 'next/dist/shared/lib/router/utils/route-regex';
import { describe, expect, it } from 'vitest';
import { isDecodablePath } from '@/lib/validations/url-path';
import { proxy } from '@/proxy';

const malformed = ['/payments/%ZZ', '/payments/%', '/payments/abc%2', '/pay/demo/%E0%A4%A', '/my/orders/%C0%AF', '/admin/customers/%FF', '/products/%ZZ', '/api/craftgate/%ZZ'];
const decodable = ['/payments/PAY-7', '/payments/%41BC', '/products/caf%C3%A9', '/my/invoices/%2F', '/'];

function visit(pathname: string, signedIn = false) {
  const request = new NextRequest(`http://shop.test${pathname}`);
  if (signedIn) request.cookies.set('authjs.session-token', 'x');
  return proxy(request);
}

describe('the cause', () => {
  it("Next's route matcher throws on a segment it cannot decode", () => {
    const match = getRouteMatcher(getRouteRegex('/payments/[reference]'));
    expect(() => match('/payments/%ZZ')).toThrow(/decode/);
    expect(match('/payments/PAY-7')).toEqual({ reference: 'PAY-7' });
  });
});

describe('isDecodablePath', () => {
  it.each(malformed)('is false for %j', (pathname) => expect(isDecodablePath(pathname)).toBe(false));
  it.each(decodable)('is true for %j', (pathname) => expect(isDecodablePath(pathname)).toBe(true));
});

describe('the proxy', () => {
  it.each(malformed)('shows the 404 page for %j, signed in or not', (pathname) => {
    for (const signedIn of [false, true]) {
      const response = visit(pathname, signedIn);
      expect(response.headers.get('x-middleware-rewrite')).toBe('http://shop.test/_coffer/not-found');
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('leaves paths that decode as they were', () => {
    expect(visit('/payments/PAY-7').headers.get('location')).toMatch(/\/sign-in\?callbackUrl=%2Fpayments%2FPAY-7$/);
    expect(visit('/payments/%41BC', true).headers.get('x-middleware-next')).toBe('1');
    // Products and the API reach the proxy only for this check: nothing else is added.
    const product = visit('/products/caf%C3%A9');
    expect(product.headers.get('x-middleware-next')).toBe('1');
    expect(product.headers.get('content-security-policy')).toBeNull();
    for (const pathname of decodable) expect(visit(pathname, true).headers.get('x-middleware-rewrite')).toBeNull();
  });
});
