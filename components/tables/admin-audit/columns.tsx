import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { formatDateTime } from '@/components/admin/format';
import { formatMoney } from '@/lib/money';

export type AdminAuditRow = {
  id: number;
  createdAt: string;
  actorName: string;
  actionLabel: string;
  subjectUserId: number | null;
  subjectName: string | null;
  amount: number | null;
  currency: string | null;
  reason: string | null;
  summary: string | null;
};

const column = createColumnHelper<AdminAuditRow>();

export const adminAuditColumns: ColumnDef<AdminAuditRow, unknown>[] = [
  column.display({
    id: 'when',
    header: 'When',
    cell: ({ row }) => <time dateTime={row.original.createdAt}>{formatDateTime(row.original.createdAt)}</time>,
  }),
  column.display({ id: 'who', header: 'Staff', cell: ({ row }) => row.original.actorName }),
  column.display({ id: 'action', header: 'Action', cell: ({ row }) => row.original.actionLabel }),
  column.display({
    id: 'customer',
    header: 'Customer',
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
    header: 'Amount',
    cell: ({ row }) =>
      row.original.amount !== null && row.original.currency ? formatMoney(row.original.amount, row.original.currency) : '—',
    meta: { numeric: true },
  }),
  column.display({ id: 'reason', header: 'Reason', cell: ({ row }) => row.original.reason ?? '—' }),
  column.display({
    id: 'details',
    header: 'Details',
    cell: ({ row }) => <span className="text-xs text-stone-600">{row.original.summary ?? ''}</span>,
  }),
];
