import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useTranslations } from 'next-intl';
import { useStaffFormat } from '@/components/admin/format';
import { DataTable } from '@/components/tables/data-table';
import { Badge } from '@/components/ui/badge';
import type { FormAction } from '@/lib/validations/action-state';
import { CancelInvitationForm, RevokeStaffForm } from './staff-forms';

export type StaffRow = { id: number; name: string; email: string; createdAt: string; isYou: boolean; attemptKey: string };
export type InvitationRow = { id: number; email: string; invitedBy: string; expiresAt: string };

const staffColumn = createColumnHelper<StaffRow>();
const invitationColumn = createColumnHelper<InvitationRow>();

/** Everyone with staff access; "Revoke staff access" on each but the viewer (who cannot revoke themselves). */
export function StaffTable({ rows, revokeAction }: { rows: StaffRow[]; revokeAction: FormAction }) {
  const t = useTranslations('account.staff');
  const format = useStaffFormat();
  const columns: ColumnDef<StaffRow, unknown>[] = [
    staffColumn.display({
      id: 'name',
      header: t('columns.name'),
      cell: ({ row }) => (
        <span className="flex flex-wrap items-center gap-2">
          {row.original.name}
          {row.original.isYou ? <Badge tone="info">{t('you')}</Badge> : null}
        </span>
      ),
    }),
    staffColumn.display({ id: 'email', header: t('columns.email'), cell: ({ row }) => <span className="break-all">{row.original.email}</span> }),
    staffColumn.display({
      id: 'since',
      header: t('columns.since'),
      cell: ({ row }) => <time dateTime={row.original.createdAt}>{format.date(row.original.createdAt)}</time>,
    }),
    staffColumn.display({
      id: 'actions',
      header: t('columns.actions'),
      cell: ({ row }) => (row.original.isYou ? null : <RevokeStaffForm action={revokeAction} staff={row.original} attemptKey={row.original.attemptKey} />),
    }),
  ];
  return <DataTable columns={columns} rows={rows} caption={t('caption')} emptyText={t('empty')} />;
}

/** Invitations not yet accepted, cancelled or expired. */
export function InvitationsTable({ rows, cancelAction }: { rows: InvitationRow[]; cancelAction: FormAction }) {
  const t = useTranslations('account.staff.invitations');
  const format = useStaffFormat();
  const columns: ColumnDef<InvitationRow, unknown>[] = [
    invitationColumn.display({ id: 'email', header: t('columns.email'), cell: ({ row }) => <span className="break-all">{row.original.email}</span> }),
    invitationColumn.display({ id: 'invitedBy', header: t('columns.invitedBy'), cell: ({ row }) => row.original.invitedBy }),
    invitationColumn.display({
      id: 'expires',
      header: t('columns.expires'),
      cell: ({ row }) => <time dateTime={row.original.expiresAt}>{format.dateTime(row.original.expiresAt)}</time>,
    }),
    invitationColumn.display({
      id: 'actions',
      header: t('columns.actions'),
      cell: ({ row }) => <CancelInvitationForm action={cancelAction} invitation={row.original} />,
    }),
  ];
  return <DataTable columns={columns} rows={rows} caption={t('caption')} emptyText={t('empty')} />;
}
