import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { formatDateTime } from '@/components/admin/format';
import { formatMoney } from '@/lib/money';

export type CustomerRow = {
  id: number;
  name: string;
  email: string;
  available: number;
  pendingIncoming: number;
  currency: string;
  lastActivity: string | null;
};

export type CustomerSort = 'name' | 'balance';

const column = createColumnHelper<CustomerRow>();

/** Columns of the Customers table; the sortable headers are links, since the server sorts. */
export function customerColumns(sortHref: (sort: CustomerSort) => string, sort: CustomerSort): ColumnDef<CustomerRow, unknown>[] {
  const sortLink = (key: CustomerSort, label: string) => (
    <Link
      href={sortHref(key)}
      aria-current={sort === key ? 'true' : undefined}
      title={key === 'name' ? 'Sort by name' : 'Sort by balance, highest first'}
      className={`underline-offset-2 hover:underline ${sort === key ? 'text-stone-900' : ''}`}
    >
      {label}
      {sort === key ? <span aria-hidden>{key === 'name' ? ' ▲' : ' ▼'}</span> : null}
    </Link>
  );
  return [
    column.display({
      id: 'name',
      header: () => sortLink('name', 'Name'),
      cell: ({ row }) => (
        <Link href={`/admin/customers/${row.original.id}`} className="font-medium text-brand-700 underline">
          {row.original.name}
        </Link>
      ),
    }),
    column.display({ id: 'email', header: 'Email', cell: ({ row }) => row.original.email }),
    column.display({
      id: 'balance',
      header: () => sortLink('balance', 'Wallet balance'),
      cell: ({ row }) => formatMoney(row.original.available, row.original.currency),
      meta: { numeric: true },
    }),
    column.display({
      id: 'pending',
      header: 'Pending',
      cell: ({ row }) =>
        row.original.pendingIncoming > 0 ? formatMoney(row.original.pendingIncoming, row.original.currency) : '—',
      meta: { numeric: true },
    }),
    column.display({
      id: 'lastActivity',
      header: 'Last wallet activity',
      cell: ({ row }) =>
        row.original.lastActivity ? (
          <time dateTime={row.original.lastActivity}>{formatDateTime(row.original.lastActivity)}</time>
        ) : (
          <span className="text-stone-400">None</span>
        ),
    }),
  ];
}
