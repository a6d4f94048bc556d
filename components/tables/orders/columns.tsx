import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { OrderStatusBadge } from '@/components/shop/order-status-badge';
import type { OrderStatus } from '@/lib/checkout/labels';
import { formatMoney } from '@/lib/money';

export type OrderRow = {
  number: string;
  /** ISO timestamp. */
  date: string;
  itemCount: number;
  total: number;
  currency: string;
  paymentMethod: string;
  status: OrderStatus;
};

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export const orderColumns: ColumnDef<OrderRow>[] = [
  {
    accessorKey: 'number',
    header: 'Order',
    cell: ({ row }) => (
      <Link href={`/my/orders/${row.original.number}`} className="font-mono font-medium text-brand-700 underline">
        {row.original.number}
      </Link>
    ),
  },
  {
    accessorKey: 'date',
    header: 'Date',
    cell: ({ row }) => <time dateTime={row.original.date}>{dateFormat.format(new Date(row.original.date))} UTC</time>,
  },
  { accessorKey: 'itemCount', header: 'Items', meta: { numeric: true } },
  {
    accessorKey: 'total',
    header: 'Total',
    cell: ({ row }) => formatMoney(row.original.total, row.original.currency),
    meta: { numeric: true },
  },
  { accessorKey: 'paymentMethod', header: 'Payment' },
  {
    accessorKey: 'status',
    header: 'Status',
    cell: ({ row }) => <OrderStatusBadge status={row.original.status} />,
  },
];
