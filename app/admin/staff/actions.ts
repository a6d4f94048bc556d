'use server';

import { revalidatePath } from 'next/cache';
import { getLocale, getTranslations } from 'next-intl/server';
import { cancelInvitationSchema, inviteStaffSchema, revokeStaffSchema } from '@/lib/accounts/forms';
import { cancelInvitation, inviteStaff, revokeStaff } from '@/lib/accounts/staff';
import { isLocale } from '@/lib/i18n/locales';
import { staffAction } from '../../_server/action';
import { accountErrorState } from '../../(auth)/account-errors';

/** "Invite staff member" (staff only, audited): a 7-day link by e-mail. */
export const inviteStaffAction = staffAction.input(inviteStaffSchema).run(async (input, { db, viewer, values }) => {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('account.staff.invite')]);
  try {
    const invited = await inviteStaff(db, { inviterId: viewer.id, email: input.email, attemptKey: input.attemptKey, locale: isLocale(locale) ? locale : undefined });
    revalidatePath('/admin/staff');
    return { status: 'success', message: t('sent', { email: invited.email }) };
  } catch (error) {
    return accountErrorState(error, { email: values.email ?? '' }, { ALREADY_STAFF: 'email' });
  }
});

/** "Revoke staff access" (staff only, audited): not oneself, never the last staff member; their sessions end. */
export const revokeStaffAction = staffAction.input(revokeStaffSchema).run(async (input, { db, viewer }) => {
  const t = await getTranslations('account.staff');
  try {
    const revoked = await revokeStaff(db, { actorId: viewer.id, staffId: input.staffId, attemptKey: input.attemptKey });
    revalidatePath('/admin/staff');
    return { status: 'success', message: t('revoked', { name: revoked.name }) };
  } catch (error) {
    return accountErrorState(error, {});
  }
});

/** "Cancel invitation" (staff only, audited): its link stops working. */
export const cancelInvitationAction = staffAction.input(cancelInvitationSchema).run(async (input, { db, viewer }) => {
  const t = await getTranslations('account.staff.invitations');
  const cancelled = await cancelInvitation(db, { actorId: viewer.id, invitationId: input.invitationId });
  revalidatePath('/admin/staff');
  return cancelled ? { status: 'success', message: t('cancelled') } : { status: 'error', message: t('gone') };
});
