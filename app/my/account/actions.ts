'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { signIn } from '@/auth';
import { requestEmailChange } from '@/lib/accounts/email-change';
import { changeEmailSchema, changeNameSchema, changePasswordSchema, deleteAddressSchema, languageSchema } from '@/lib/accounts/forms';
import { changePassword, deleteSavedAddress, renameAccount, setPreferredLanguage } from '@/lib/accounts/profile';
import { isLocale } from '@/lib/i18n/locales';
import { shopperAction } from '../../_server/action';
import { accountErrorState } from '../../(auth)/account-errors';
import { setLanguageCookie } from '../../(auth)/language-cookie';

// My Account > Profile: each form changes the signed-in user's own account, never anyone else's
// (the user id comes from the session, not from the form).

const passwordFields = { WRONG_PASSWORD: 'currentPassword', TOO_MANY_ATTEMPTS: 'currentPassword' };

/** "Save name". */
export const updateNameAction = shopperAction.input(changeNameSchema).run(async (input, { db, viewer }) => {
  await renameAccount(db, viewer.id, input.name);
  revalidatePath('/', 'layout');
  const t = await getTranslations('account.profile.name');
  return { status: 'success', message: t('saved') };
});

/** "Send confirmation link": the new address gets a link; the account keeps its address until it is opened. */
export const requestEmailChangeAction = shopperAction
  .input(changeEmailSchema, { redact: ['currentPassword'] })
  .run(async (input, { db, viewer, values }) => {
    const [requestHeaders, locale, t] = await Promise.all([headers(), getLocale(), getTranslations('account.profile.email')]);
    try {
      const sent = await requestEmailChange(db, {
        userId: viewer.id,
        newEmail: input.newEmail,
        currentPassword: input.currentPassword,
        headers: requestHeaders,
        locale: isLocale(locale) ? locale : undefined,
      });
      revalidatePath('/my/account');
      return { status: 'success', message: t('sent', { email: sent.newEmail }) };
    } catch (error) {
      return accountErrorState(error, { newEmail: values.newEmail ?? '' }, { ...passwordFields, EMAIL_TAKEN: 'newEmail', EMAIL_UNCHANGED: 'newEmail' });
    }
  });

/**
 * "Change password": after the current one, every session of the account ends (lib/accounts
 * changePassword moves the session version on) and this browser is signed in again with the new
 * password, so it alone stays signed in.
 */
export const changePasswordAction = shopperAction
  .input(changePasswordSchema, { redact: ['currentPassword', 'password', 'confirmPassword'] })
  .run(async (input, { db, viewer }) => {
    const t = await getTranslations('account.profile.password');
    let email: string;
    try {
      ({ email } = await changePassword(db, { userId: viewer.id, currentPassword: input.currentPassword, newPassword: input.password, headers: await headers() }));
    } catch (error) {
      return accountErrorState(error, {}, passwordFields);
    }
    try {
      await signIn('credentials', { email, password: input.password, redirect: false });
    } catch {
      // The password is changed either way; without a new session this browser signs in again.
      return { status: 'success', message: t('signInAgain') };
    }
    return { status: 'success', message: t('changed') };
  });

/** "Delete" beside a saved delivery address (the shopper's own only; orders keep their copy). */
export const deleteAddressAction = shopperAction.input(deleteAddressSchema).run(async (input, { db, viewer }) => {
  const t = await getTranslations('account.profile.addresses');
  const deleted = await deleteSavedAddress(db, viewer.id, input.addressId);
  revalidatePath('/my/account');
  return deleted ? { status: 'success', message: t('deleted') } : { status: 'error', message: t('gone') };
});

/** "Save language": kept on the account (its e-mails) and in the language cookie (the shop, now). */
export const saveLanguageAction = shopperAction.input(languageSchema).run(async (input, { db, viewer }) => {
  await setPreferredLanguage(db, viewer.id, input.locale);
  await setLanguageCookie(input.locale);
  revalidatePath('/', 'layout');
  const t = await getTranslations({ locale: input.locale, namespace: 'account.profile.language' });
  return { status: 'success', message: t('saved') };
});
