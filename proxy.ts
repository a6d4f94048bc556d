import { NextResponse } from 'next/server';
import { auth } from '@/auth';

// Navigation convenience only: every page, action and route handler checks again on the server.
export default auth((request) => {
  if (!request.auth) {
    const signIn = new URL('/sign-in', request.nextUrl.origin);
    signIn.searchParams.set('callbackUrl', request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.redirect(signIn);
  }
  return NextResponse.next();
});

export const config = {
  matcher: ['/my/:path*', '/admin/:path*', '/checkout/:path*', '/pay/:path*', '/payments/((?!stripe/).*)'],
};
