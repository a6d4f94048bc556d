import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { chooseLanguageAction } from './_i18n/actions';
import { signOut } from '@/auth';
import { SiteHeader } from '@/components/layout/site-header';
import { endAllSessions } from '@/lib/auth/users';
import { currentViewer } from './_server/session';
import { headerCartCount } from './cart/cart-cookie';
import './globals.css';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: 'Coffer', template: '%s · Coffer' }, description: t('siteDescription') };
}

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
  const locale = await getLocale();
  const t = await getTranslations('common');
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider>
          <a
            href="#main"
            className="sr-only rounded-md bg-white px-4 py-3 font-medium text-brand-900 shadow focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50"
          >
            {t('skipToContent')}
          </a>
          <SiteHeader viewer={viewer} cartCount={cartCount} signOutAction={signOutAction} chooseLanguageAction={chooseLanguageAction} />
          <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none">{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
