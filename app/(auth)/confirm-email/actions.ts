'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { confirmEmailChange } from '@/lib/accounts/email-change';
import { confirmEmailSchema } from '@/lib/accounts/forms';
import { visitorAction } from '../../_server/action';
import { accountErrorState } from '../account-errors';

/**
 * "Confirm email address" on the page the e-mail change link opens: whoever holds the link (sent to
 * the new address) confirms it; the change itself was asked for in My Account, after the password.
 */
export const confirmEmailChangeAction = visitorAction.input(confirmEmailSchema).run<{ email: string }>(async (input, { db }) => {
  const t = await getTranslations('account.confirmEmail');
  try {
    const outcome = await confirmEmailChange(db, input.token);
    if (outcome.status === 'taken') return { status: 'error', code: 'EMAIL_TAKEN', message: t('taken') };
    revalidatePath('/', 'layout');
    return { status: 'success', message: t('changed', { email: outcome.email }), email: outcome.email };
  } catch (error) {
    return accountErrorState(error, {});
  }
});
