import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { StaffInvitationForm } from '@/components/account/staff-invitation-form';
import { findInvitation } from '@/lib/accounts/staff';
import { createStaffAccountAction, joinStaffAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.invitation');
  return { title: t('title') };
}

/**
 * The page a staff invitation links to (/staff-invitation?token=…). Opening it changes nothing:
 * an address with an account accepts with that account's password; a new one sets name and password.
 */
export default async function StaffInvitationPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const [invitation, t, format] = await Promise.all([findInvitation(getDatabase().read, token), getTranslations('account.invitation'), getFormatter()]);
  if (!invitation || typeof token !== 'string') {
    return (
      <div className="mx-auto max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
        <h1 className="mb-2 text-xl font-semibold">{t('invalidTitle')}</h1>
        <p className="text-sm text-stone-600">{t('invalid')}</p>
      </div>
    );
  }
  const expires = format.dateTime(invitation.expiresAt, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      <h1 className="mb-2 text-xl font-semibold">{t('title')}</h1>
      <p className="mb-2 text-sm text-stone-600">{t('intro', { inviter: invitation.invitedBy, email: invitation.email })}</p>
      <p className="mb-4 text-xs text-stone-500">{t('expires', { date: expires })}</p>
      {invitation.account ? (
        <>
          <p className="mb-4 text-sm text-stone-600">{t('existingAccount', { name: invitation.account.name })}</p>
          <StaffInvitationForm mode="join" action={joinStaffAction} token={token} />
        </>
      ) : (
        <>
          <p className="mb-4 text-sm text-stone-600">{t('newAccount')}</p>
          <StaffInvitationForm mode="create" action={createStaffAccountAction} token={token} />
        </>
      )}
    </div>
  );
}
