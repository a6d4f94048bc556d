import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useStaffFormat, type StaffFormat, type Words } from '@/components/admin/format';
import { DataTable } from '@/components/tables/data-table';
import type { OutboxState } from '@/lib/notifications/outbox-view';
import { OutboxStateBadge } from './state-badge';

export type OutboxTableRow = { id: number; createdAt: string; to: string; subject: string | null; template: string; state: OutboxState; attempts: number };

const column = createColumnHelper<OutboxTableRow>();

function outboxColumns(t: Words, format: StaffFormat): ColumnDef<OutboxTableRow, unknown>[] {
  return [
    column.display({
      id: 'date',
      header: t('columns.date'),
      cell: ({ row }) => <time dateTime={row.original.createdAt}>{format.dateTime(row.original.createdAt)}</time>,
    }),
    column.display({ id: 'to', header: t('columns.to'), cell: ({ row }) => <span className="break-all">{row.original.to}</span> }),
    column.display({
      id: 'subject',
      header: t('columns.subject'),
      cell: ({ row }) => (
        <Link href={`/admin/outbox/${row.original.id}`} className="text-brand-700 underline">
          {row.original.subject ?? row.original.template}
        </Link>
      ),
    }),
    column.display({ id: 'state', header: t('columns.state'), cell: ({ row }) => <OutboxStateBadge state={row.original.state} /> }),
  ];
}

/** One page of the outbox, newest first; each subject opens the message. */
export function OutboxTable({ rows }: { rows: OutboxTableRow[] }) {
  const t = useTranslations('mail.outbox');
  const format = useStaffFormat();
  return <DataTable columns={outboxColumns(t, format)} rows={rows} caption={t('tableLabel')} emptyText={t('empty')} />;
}
