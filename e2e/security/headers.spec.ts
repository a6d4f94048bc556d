import type { APIResponse } from '@playwright/test';
import { expect, signIn, test } from '../fixtures';

// next.config.mjs sends these on every response: pages, route handlers, 404s and the proxy's redirects.
function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, `${what}: Content-Security-Policy`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: Content-Security-Policy`).toContain("default-src 'self'");
  expect(csp, `${what}: Content-Security-Policy`).toContain("object-src 'none'");
  expect(headers['x-content-type-options'], `${what}: X-Content-Type-Options`).toBe('nosniff');
  expect(headers['referrer-policy'], `${what}: Referrer-Policy`).toBe('strict-origin-when-cross-origin');
  expect(headers['x-powered-by'], `${what}: X-Powered-By`).toBeUndefined();
}

test('every kind of response carries the security headers', async ({ request }) => {
  const samples = [
    ['a page', '/'],
    ['a route handler', '/api/openapi.json'],
    ['Auth.js', '/api/auth/session'],
    ['a missing page (404)', '/no-such-page-anywhere'],
    ['a redirect to sign in', '/my/wallet'],
    ['a static asset', '/products/ceramic-mug.svg'],
  ] as const;
  for (const [what, path] of samples) {
    const response = await request.get(path, { maxRedirects: 0 });
    if (what === 'a missing page (404)') expect(response.status()).toBe(404);
    if (what === 'a redirect to sign in') expect(response.status()).toBe(307);
    expectSecurityHeaders(response, `${what} ${path}`);
  }
});

test('the session cookie is HttpOnly and SameSite=Lax', async ({ page, shopper }) => {
  await signIn(page, shopper);
  const cookies = await page.context().cookies();
  const sessionCookie = cookies.find((cookie) => /authjs\.session-token/.test(cookie.name));
  expect(sessionCookie, 'a session cookie').toBeDefined();
  expect(sessionCookie?.httpOnly).toBe(true);
  expect(sessionCookie?.sameSite).toBe('Lax');
  expect(sessionCookie?.path).toBe('/');
  // Scripts in the page cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain('session-token');
});
