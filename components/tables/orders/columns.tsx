import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { OrderStatusBadge } from '@/components/shop/order-status-badge';
import type { OrderStatusCode } from '@/lib/checkout/labels';

export type OrderRow = {
  number: string;
  /** ISO timestamp. */
  date: string;
  itemCount: number;
  total: number;
  currency: string;
  /** The way of paying in words (statuses.paymentMethod.<paymentChoice>). */
  paymentMethod: string;
  status: OrderStatusCode;
  /** The carrier's tracking number once shipped, with its words ("Tracking: …"). */
  tracking: string | null;
};

/** What the columns need to say things in the shopper's language (built by OrdersTable). */
export type OrderColumnWords = {
  t: (key: 'order' | 'date' | 'items' | 'total' | 'payment' | 'status') => string;
  date: (iso: string) => string;
  money: (amount: number, currency: string) => string;
};

/** A shopper's orders' columns. */
export function orderColumns({ t, date, money }: OrderColumnWords): ColumnDef<OrderRow>[] {
  return [
    {
      accessorKey: 'number',
      header: t('order'),
      cell: ({ row }) => (
        <Link href={`/my/orders/${row.original.number}`} className="font-mono font-medium text-brand-700 underline">
          {row.original.number}
        </Link>
      ),
    },
    {
      accessorKey: 'date',
      header: t('date'),
      cell: ({ row }) => <time dateTime={row.original.date}>{date(row.original.date)}</time>,
    },
    { accessorKey: 'itemCount', header: t('items'), meta: { numeric: true } },
    {
      accessorKey: 'total',
      header: t('total'),
      cell: ({ row }) => money(row.original.total, row.original.currency),
      meta: { numeric: true },
    },
    { accessorKey: 'paymentMethod', header: t('payment') },
    {
      accessorKey: 'status',
      header: t('status'),
      cell: ({ row }) => (
        <span className="flex flex-col items-start gap-1">
          <OrderStatusBadge status={row.original.status} />
          {row.original.tracking ? <span className="font-mono text-xs text-stone-600">{row.original.tracking}</span> : null}
        </span>
      ),
    },
  ];
}
