'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { signIn } from '@/auth';
import { createStaffAccountSchema, joinStaffSchema } from '@/lib/accounts/forms';
import { acceptInvitationAsNew, acceptInvitationWithAccount } from '@/lib/accounts/staff';
import { isLocale } from '@/lib/i18n/locales';
import { visitorAction } from '../../_server/action';
import { accountErrorState } from '../account-errors';

const redact = ['password', 'confirmPassword'];

/**
 * "Accept invitation" for an address that has an account: its password proves the account is
 * theirs; it becomes staff and its sessions end, so they sign in again to carry the new role.
 */
export const joinStaffAction = visitorAction.input(joinStaffSchema, { redact }).run(async (input, { db }) => {
  try {
    await acceptInvitationWithAccount(db, { token: input.token, password: input.password, headers: await headers() });
  } catch (error) {
    return accountErrorState(error, { token: input.token }, { WRONG_PASSWORD: 'password', TOO_MANY_ATTEMPTS: 'password' });
  }
  redirect(`/sign-in?staff=joined&callbackUrl=${encodeURIComponent('/admin')}`);
});

/** "Create staff account" for an invited address with no account: name and password, then signed in to the Backend. */
export const createStaffAccountAction = visitorAction.input(createStaffAccountSchema, { redact }).run(async (input, { db, values }) => {
  const locale = await getLocale();
  let email: string;
  try {
    ({ email } = await acceptInvitationAsNew(db, { token: input.token, name: input.name, password: input.password, locale: isLocale(locale) ? locale : undefined }));
  } catch (error) {
    return accountErrorState(error, { token: input.token, name: values.name ?? '' });
  }
  await signIn('credentials', { email, password: input.password, redirectTo: '/admin' });
  return { status: 'success' };
});
