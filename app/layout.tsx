import type { Metadata } from 'next';
import { signOut } from '@/auth';
import { SiteHeader } from '@/components/layout/site-header';
import { endAllSessions } from '@/lib/auth/users';
import { currentViewer } from './_server/session';
import { headerCartCount } from './cart/cart-cookie';
import './globals.css';
import { getDatabase } from '@/db';

export const metadata: Metadata = {
  title: { default: 'Coffer', template: '%s · Coffer' },
  description: 'A shop where your wallet is part of your account.',
};

async function signOutAction() {
  'use server';
  // Signing out ends the session everywhere: a copied or second-device token stops working too.
  const viewer = await currentViewer();
  if (viewer) await endAllSessions(getDatabase(), viewer.id);
  await signOut({ redirectTo: '/' });
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const viewer = await currentViewer();
  const cartCount = await headerCartCount(viewer);
  return (
    <html lang="en">
      <body className="min-h-screen">
        <SiteHeader viewer={viewer} cartCount={cartCount} signOutAction={signOutAction} />
        <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      </body>
    </html>
  );
}
