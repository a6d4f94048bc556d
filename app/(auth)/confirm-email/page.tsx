import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { ConfirmEmailForm } from '@/components/account/confirm-email-form';
import { findEmailChangeLink } from '@/lib/accounts/email-change';
import { confirmEmailChangeAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.confirmEmail');
  return { title: t('title') };
}

/** The page an e-mail change message links to (/confirm-email?token=…). Opening it changes nothing; the button does. */
export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const [link, t] = await Promise.all([findEmailChangeLink(getDatabase().read, token), getTranslations('account.confirmEmail')]);
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      {link && typeof token === 'string' ? (
        <>
          <h1 className="mb-2 text-xl font-semibold">{t('title')}</h1>
          <p className="mb-4 text-sm text-stone-600">{t('intro', { email: link.newEmail })}</p>
          <ConfirmEmailForm action={confirmEmailChangeAction} token={token} />
        </>
      ) : (
        <>
          <h1 className="mb-2 text-xl font-semibold">{t('invalidTitle')}</h1>
          <p className="mb-4 text-sm text-stone-600">{t('invalid')}</p>
          <Link className="text-brand-700 underline" href="/my/account">
            {t('toProfile')}
          </Link>
        </>
      )}
    </div>
  );
}
