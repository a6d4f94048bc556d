import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import type { StaffFormat, Words } from '@/components/admin/format';
import type { AuditSummary } from '@/lib/admin/audit';

export type AdminAuditRow = {
  id: number;
  createdAt: string;
  actorName: string;
  /** The action's code (lib/admin/audit.ts auditActions). */
  action: string;
  subjectUserId: number | null;
  subjectName: string | null;
  amount: number | null;
  currency: string | null;
  reason: string | null;
  summary: AuditSummary | null;
};

const column = createColumnHelper<AdminAuditRow>();

/** The audit log's columns in the staff member's words (t: admin.audit). */
export function adminAuditColumns(t: Words & { has(key: string): boolean }, format: StaffFormat): ColumnDef<AdminAuditRow, unknown>[] {
  // An action this version has no words for (an older or newer code) is shown as its code.
  const actionLabel = (action: string) => (/^[a-z_]+\.[a-z_]+$/.test(action) && t.has(`actions.${action}`) ? t(`actions.${action}`) : action);
  const summaryText = (summary: AuditSummary | null) =>
    summary === null ? '' : summary.kind === 'settings' ? t('changed', { fields: summary.fields.join(', ') }) : summary.references.join(' · ');
  return [
    column.display({
      id: 'when',
      header: t('columns.when'),
      cell: ({ row }) => <time dateTime={row.original.createdAt}>{format.dateTime(row.original.createdAt)}</time>,
    }),
    column.display({ id: 'who', header: t('columns.staff'), cell: ({ row }) => row.original.actorName }),
    column.display({ id: 'action', header: t('columns.action'), cell: ({ row }) => actionLabel(row.original.action) }),
    column.display({
      id: 'customer',
      header: t('columns.customer'),
      cell: ({ row }) =>
        row.original.subjectUserId !== null ? (
          <Link href={`/admin/customers/${row.original.subjectUserId}`} className="text-brand-700 underline">
            {row.original.subjectName ?? `#${row.original.subjectUserId}`}
          </Link>
        ) : (
          '—'
        ),
    }),
    column.display({
      id: 'amount',
      header: t('columns.amount'),
      cell: ({ row }) =>
        row.original.amount !== null && row.original.currency ? format.money(row.original.amount, row.original.currency) : '—',
      meta: { numeric: true },
    }),
    column.display({ id: 'reason', header: t('columns.reason'), cell: ({ row }) => row.original.reason ?? '—' }),
    column.display({
      id: 'details',
      header: t('columns.details'),
      cell: ({ row }) => <span className="text-xs text-stone-600">{summaryText(row.original.summary)}</span>,
    }),
  ];
}
