import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import type { StaffFormat, Words } from '@/components/admin/format';
import { CustomerLink } from '../customer-link';

export type AdminRefundRow = {
  transferId: number;
  reference: string;
  date: string;
  orderId: number;
  orderNumber: string;
  customerId: number;
  customerName: string;
  amount: number;
  currency: string;
  reason: string | null;
  staffName: string | null;
};

const column = createColumnHelper<AdminRefundRow>();

/** Refunds' columns (t: admin.refunds). */
export function adminRefundColumns(t: Words, format: StaffFormat): ColumnDef<AdminRefundRow, unknown>[] {
  return [
    column.display({
      id: 'date',
      header: t('columns.date'),
      cell: ({ row }) => <time dateTime={row.original.date}>{format.dateTime(row.original.date)}</time>,
    }),
    column.display({
      id: 'order',
      header: t('columns.order'),
      cell: ({ row }) => (
        <Link href={`/admin/orders/${row.original.orderId}`} className="font-mono text-brand-700 underline">
          {row.original.orderNumber}
        </Link>
      ),
    }),
    column.display({
      id: 'customer',
      header: t('columns.customer'),
      cell: ({ row }) => <CustomerLink id={row.original.customerId} name={row.original.customerName} />,
    }),
    column.display({
      id: 'amount',
      header: t('columns.amount'),
      cell: ({ row }) => format.money(row.original.amount, row.original.currency),
      meta: { numeric: true },
    }),
    column.display({ id: 'reason', header: t('columns.reason'), cell: ({ row }) => row.original.reason ?? '—' }),
    column.display({ id: 'staff', header: t('columns.by'), cell: ({ row }) => row.original.staffName ?? '—' }),
    column.display({
      id: 'reference',
      header: t('columns.reference'),
      cell: ({ row }) => <span className="font-mono text-xs">{row.original.reference}</span>,
    }),
  ];
}
