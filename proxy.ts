import { NextResponse, type NextRequest } from 'next/server';
import { isDecodablePath } from '@/lib/validations/url-path';
import { shopUrl } from '@/lib/config';

// Auth.js names the cookie with a __Secure- prefix when the site is served over https.
const sessionCookies = ['authjs.session-token', '__Secure-authjs.session-token'];
const protectedAreas = ['/my', '/admin', '/checkout', '/pay/', '/payments/'];
// Reached by the second matcher only to turn malformed percent-encoding into the 404 page.
const otherwiseUnproxied = ['/api/', '/products/'];
// No page lives here: a rewrite to it renders app/not-found.tsx with status 404.
const notFoundPath = '/_coffer/not-found';

function needsSession(pathname: string): boolean {
  if (pathname.startsWith('/payments/stripe/')) return false;
  return protectedAreas.some((area) => pathname === area || pathname.startsWith(area.endsWith('/') ? area : `${area}/`));
}

/**
 * A per-request nonce: only Next's own scripts (which carry it) run, no injected inline script.
 * Styles stay 'unsafe-inline' (charts and Next set style attributes).
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self' https://checkout.stripe.com",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Runs before every page: sets the nonce-based Content-Security-Policy, and sends a visitor without
 * a session cookie to sign in (navigation convenience only: every page, action and route handler
 * verifies the session itself). It never writes cookies: a prefetch racing a sign-out must not
 * bring the old session back.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Next's router cannot decode '/payments/%ZZ' and answers 500; such a URL names nothing: 404.
  const malformed = !isDecodablePath(pathname);
  if (!malformed && otherwiseUnproxied.some((area) => pathname.startsWith(area))) return NextResponse.next();
  if (!malformed && needsSession(pathname)) {
    const hasSession = sessionCookies.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
    if (!hasSession) {
      const signIn = shopUrl('/sign-in');
      signIn.searchParams.set('callbackUrl', pathname + search);
      return NextResponse.redirect(signIn);
    }
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // Lets a layout send a visitor back to the very page they asked for after signing in.
  requestHeaders.set('x-coffer-path', pathname + search);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = malformed
    ? // request.url, not APP_URL: a rewrite to another origin would be proxied, not served here.
      NextResponse.rewrite(new URL(notFoundPath, request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico|products/).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
    // Left out above, but a malformed path there would answer 500 too.
    { source: '/(api|products)/(.*%.*)' },
  ],
};
