import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authenticate } from '@/lib/auth/users';
import { authSecret } from '@/lib/config';
import { signInSchema } from '@/lib/validations/auth';
import type { UserRole } from '@/db/schema';

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  // Coffer is self-hosted behind whatever host name the shop uses.
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 60 * 60 * 24 * 7 },
  pages: { signIn: '/sign-in' },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await authenticate(parsed.data.email, parsed.data.password);
        if (!user) return null;
        return { id: String(user.id), name: user.name, email: user.email, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
      }
      return token;
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
  }
  interface Session {
    user: { uid: number; role: UserRole; name: string; email: string };
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid: number;
    role: UserRole;
  }
}
