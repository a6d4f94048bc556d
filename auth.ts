import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { clearSignInFailures, recordSignInFailure, signInThrottled } from '@/lib/auth/throttle';
import { authenticate, sessionVersionOf } from '@/lib/auth/users';
import { authSecret } from '@/lib/config';
import { signInSchema } from '@/lib/validations/auth';
import type { UserRole } from '@/db/schema';

/** Raised when an account or address failed too often recently; the form says to wait. */
export class TooManyAttempts extends CredentialsSignin {
  code = 'too_many_attempts';
}

/** The client's address as the proxy in front of Coffer reports it ('' when unknown). */
function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('x-real-ip') || '';
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  // Coffer is self-hosted behind whatever host name the shop uses.
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 60 * 60 * 24 * 7 },
  pages: { signIn: '/sign-in' },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = clientAddress(request);
        if (signInThrottled(email, ip)) throw new TooManyAttempts();
        const user = await authenticate(email, password);
        if (!user) {
          recordSignInFailure(email, ip);
          return null;
        }
        clearSignInFailures(email);
        return { id: String(user.id), name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.sv = user.sessionVersion;
        return token;
      }
      // A token from before the last sign-out (or of a deleted account) is no session at all.
      return sessionVersionOf(token.uid) === token.sv ? token : null;
    },
    session({ session, token }) {
      session.user.uid = token.uid;
      session.user.role = token.role;
      return session;
    },
  },
});

declare module 'next-auth' {
  interface User {
    role: UserRole;
    sessionVersion: number;
  }
  interface Session {
    user: { uid: number; role: UserRole; name: string; email: string };
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid: number;
    role: UserRole;
    /** The user's session version when the token was issued. */
    sv: number;
  }
}
