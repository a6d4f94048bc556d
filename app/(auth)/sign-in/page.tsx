import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeReturnPath } from '@/lib/validations/return-path';
import { currentViewer } from '../../_server/session';
import { signInWithPassword } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.signIn');
  return { title: t('title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl, '/') ?? '/';
  if (await currentViewer()) redirect(returnTo);
  const t = await getTranslations('auth.signIn');
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">{t('title')}</h1>
      <SignInForm action={signInWithPassword} callbackUrl={returnTo} />
    </div>
  );
}
