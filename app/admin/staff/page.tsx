import crypto from 'node:crypto';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { InviteStaffForm } from '@/components/account/staff-forms';
import { InvitationsTable, StaffTable } from '@/components/account/staff-tables';
import { PageHeading } from '@/components/ui/page-heading';
import { listInvitations, listStaff } from '@/lib/accounts/staff';
import { requireStaff } from '../../_server/session';
import { cancelInvitationAction, inviteStaffAction, revokeStaffAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account.staff');
  return { title: t('title') };
}

/** Backend > Staff: who has staff access, pending invitations, and an invitation form. */
export default async function StaffPage() {
  const viewer = await requireStaff('/admin/staff');
  const db = getDatabase();
  const [staff, invitations, t] = await Promise.all([listStaff(db.read), listInvitations(db.read), getTranslations('account.staff')]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('title')} />
      <p className="max-w-2xl text-sm text-stone-600">{t('intro')}</p>
      <StaffTable
        revokeAction={revokeStaffAction}
        rows={staff.map((member) => ({
          id: member.id,
          name: member.name,
          email: member.email,
          createdAt: member.createdAt.toISOString(),
          isYou: member.id === viewer.id,
          attemptKey: crypto.randomUUID(),
        }))}
      />
      <section aria-labelledby="invite-title" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <h2 id="invite-title" className="text-lg font-medium">
          {t('invite.title')}
        </h2>
        <p className="text-sm text-stone-600">{t('invite.intro')}</p>
        <InviteStaffForm action={inviteStaffAction} attemptKey={crypto.randomUUID()} />
      </section>
      <section aria-labelledby="invitations-title" className="flex flex-col gap-3">
        <h2 id="invitations-title" className="text-lg font-medium">
          {t('invitations.title')}
        </h2>
        <InvitationsTable
          cancelAction={cancelInvitationAction}
          rows={invitations.map((invitation) => ({
            id: invitation.id,
            email: invitation.email,
            invitedBy: invitation.invitedBy,
            expiresAt: invitation.expiresAt.toISOString(),
          }))}
        />
      </section>
    </div>
  );
}
