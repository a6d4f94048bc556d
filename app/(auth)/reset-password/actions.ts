'use server';

import { redirect } from 'next/navigation';
import { resetPasswordSchema } from '@/lib/accounts/forms';
import { resetPassword } from '@/lib/accounts/password-reset';
import { visitorAction } from '../../_server/action';
import { accountErrorState } from '../account-errors';

/** "Set new password" through a reset link: every session of the account ends; then the shopper signs in with it. */
export const resetPasswordAction = visitorAction
  .input(resetPasswordSchema, { redact: ['password', 'confirmPassword'] })
  .run(async (input, { db }) => {
    try {
      await resetPassword(db, { token: input.token, password: input.password });
    } catch (error) {
      return accountErrorState(error, { token: input.token });
    }
    redirect('/sign-in?reset=done');
  });
