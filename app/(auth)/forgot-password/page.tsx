import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ForgotPasswordForm } from '@/components/account/forgot-password-form';
import { currentViewer } from '../../_server/session';
import { requestPasswordResetAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.forgotPassword');
  return { title: t('title') };
}

export default async function ForgotPasswordPage() {
  if (await currentViewer()) redirect('/');
  const t = await getTranslations('auth.forgotPassword');
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      <h1 className="mb-2 text-xl font-semibold">{t('title')}</h1>
      <p className="mb-4 text-sm text-stone-600">{t('intro')}</p>
      <ForgotPasswordForm action={requestPasswordResetAction} />
      <p className="mt-4 text-sm">
        <Link className="text-brand-700 underline" href="/sign-in">
          {t('backToSignIn')}
        </Link>
      </p>
    </div>
  );
}
