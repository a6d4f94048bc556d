import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { ResetPasswordForm } from '@/components/account/reset-password-form';
import { findResetLink } from '@/lib/accounts/password-reset';
import { resetPasswordAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.resetPassword');
  return { title: t('title') };
}

/** The page a reset e-mail links to (/reset-password?token=…). Opening it changes nothing; the form does. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const [link, t] = await Promise.all([findResetLink(getDatabase().read, token), getTranslations('auth.resetPassword')]);
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      {link && typeof token === 'string' ? (
        <>
          <h1 className="mb-2 text-xl font-semibold">{t('title')}</h1>
          <p className="mb-4 text-sm text-stone-600">{t('intro', { email: link.email })}</p>
          <ResetPasswordForm action={resetPasswordAction} token={token} />
        </>
      ) : (
        <>
          <h1 className="mb-2 text-xl font-semibold">{t('invalidTitle')}</h1>
          <p className="mb-4 text-sm text-stone-600">{t('invalid')}</p>
          <Link className="text-brand-700 underline" href="/forgot-password">
            {t('requestNew')}
          </Link>
        </>
      )}
    </div>
  );
}
