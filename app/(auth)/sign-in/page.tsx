import type { Metadata } from 'next';
import Link from 'next/link';
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

/** Why the visitor was sent here, from the page that sent them: a password just reset, staff access just granted. */
function noticeOf(params: { reset?: string; staff?: string }): 'passwordChanged' | 'staffJoined' | undefined {
  if (params.reset === 'done') return 'passwordChanged';
  if (params.staff === 'joined') return 'staffJoined';
  return undefined;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reset?: string; staff?: string }> }) {
  const params = await searchParams;
  const { callbackUrl } = params;
  const notice = noticeOf(params);
  const returnTo = safeReturnPath(callbackUrl, '/') ?? '/';
  if (await currentViewer()) redirect(returnTo);
  const t = await getTranslations('auth.signIn');
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">{t('title')}</h1>
      {notice ? <p className="mb-4 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">{t(notice)}</p> : null}
      <SignInForm action={signInWithPassword} callbackUrl={returnTo} />
      <p className="mt-4 text-sm">
        <Link className="text-brand-700 underline" href="/forgot-password">
          {t('forgotPassword')}
        </Link>
      </p>
    </div>
  );
}
