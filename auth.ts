import { cookies } from 'next/headers';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDatabase } from '@/db';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_MAX_AGE_SECONDS } from '@/lib/auth/known-device';
import { authSecret } from '@/lib/auth/secret';
import { attemptSignIn } from '@/lib/auth/sign-in';
import { sessionStateOf } from '@/lib/auth/users';
import { signInSchema } from '@/lib/validations/auth';
import type { UserRole } from '@/db/schema';

/** Raised when an account or address failed too often recently; the form says to wait. */
export class TooManyAttempts extends CredentialsSignin {
  code = 'too_many_attempts';
}

/** Remembers this browser as one the account signed in from (see lib/auth/known-device). */
async function rememberDevice(value: string, request: Request): Promise<void> {
  (await cookies()).set(KNOWN_DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: new URL(request.url).protocol === 'https:',
    path: '/',
    maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS,
  });
}

// Lazy configuration: the session secret may live in the database (lib/auth/secret), read once
// per process and shared by every app server, so it is read asynchronously here.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => ({
  secret: await authSecret(getDatabase()),
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
        const outcome = await attemptSignIn(getDatabase(), parsed.data, request.headers);
        if (outcome.status === 'throttled') throw new TooManyAttempts();
        if (outcome.status === 'wrong_credentials') return null;
        await rememberDevice(outcome.knownDevice, request);
        const { user } = outcome;
        return { id: String(user.id), name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.sv = user.sessionVersion;
        return token;
      }
      // A token from before the last sign-out (or of a deleted account) is no session at all; a live
      // one shows the account as it is now (a new name, a confirmed e-mail change, staff access given).
      const now = await sessionStateOf(getDatabase().read, token.uid);
      if (!now || now.sessionVersion !== token.sv) return null;
      return { ...token, name: now.name, email: now.email, role: now.role };
    },
    session({ session, token }) {
      session.user.uid = token.uid;
      session.user.role = token.role;
      return session;
    },
  },
}));

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
