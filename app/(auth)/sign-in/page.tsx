import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeReturnPath } from '@/lib/validations/return-path';
import { currentViewer } from '../../_server/session';
import { signInWithPassword } from '../actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl, '/') ?? '/';
  if (await currentViewer()) redirect(returnTo);
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm action={signInWithPassword} callbackUrl={returnTo} />
    </div>
  );
}
