import { NextResponse, type NextRequest } from 'next/server';

// Auth.js names the cookie with a __Secure- prefix when the site is served over https.
const sessionCookies = ['authjs.session-token', '__Secure-authjs.session-token'];

/**
 * Navigation convenience only: a visitor without a session cookie is sent to sign in and brought
 * back. Every page, action and route handler verifies the session itself. This proxy never
 * writes cookies: a prefetch racing a sign-out must not bring the old session back.
 */
export function proxy(request: NextRequest) {
  const hasSession = sessionCookies.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (hasSession) return NextResponse.next();
  const signIn = new URL('/sign-in', request.nextUrl.origin);
  signIn.searchParams.set('callbackUrl', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ['/my/:path*', '/admin/:path*', '/checkout/:path*', '/pay/:path*', '/payments/((?!stripe/).*)'],
};
