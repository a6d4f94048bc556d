import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import type { StaffFormat, Words } from '@/components/admin/format';

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

/** Columns of the Customers table (t: admin.customers); the sortable headers are links, since the server sorts. */
export function customerColumns(
  sortHref: (sort: CustomerSort) => string,
  sort: CustomerSort,
  t: Words,
  format: StaffFormat,
): ColumnDef<CustomerRow, unknown>[] {
  const sortLink = (key: CustomerSort, label: string) => (
    <Link
      href={sortHref(key)}
      aria-current={sort === key ? 'true' : undefined}
      title={key === 'name' ? t('sortByNameTitle') : t('sortByBalanceTitle')}
      className={`inline-flex min-h-11 items-center underline-offset-2 hover:underline ${sort === key ? 'text-stone-900' : ''}`}
    >
      {label}
      {sort === key ? <span aria-hidden>{key === 'name' ? ' ▲' : ' ▼'}</span> : null}
    </Link>
  );
  return [
    column.display({
      id: 'name',
      header: () => sortLink('name', t('columns.name')),
      meta: { label: t('columns.name'), control: true },
      cell: ({ row }) => (
        <Link href={`/admin/customers/${row.original.id}`} className="font-medium text-brand-700 underline">
          {row.original.name}
        </Link>
      ),
    }),
    column.display({ id: 'email', header: t('columns.email'), cell: ({ row }) => row.original.email }),
    column.display({
      id: 'balance',
      header: () => sortLink('balance', t('columns.balance')),
      cell: ({ row }) => format.money(row.original.available, row.original.currency),
      meta: { numeric: true, label: t('columns.balance'), control: true },
    }),
    column.display({
      id: 'pending',
      header: t('columns.pending'),
      cell: ({ row }) =>
        row.original.pendingIncoming > 0 ? format.money(row.original.pendingIncoming, row.original.currency) : '—',
      meta: { numeric: true },
    }),
    column.display({
      id: 'lastActivity',
      header: t('columns.lastActivity'),
      cell: ({ row }) =>
        row.original.lastActivity ? (
          <time dateTime={row.original.lastActivity}>{format.dateTime(row.original.lastActivity)}</time>
        ) : (
          <span className="text-stone-500">{t('none')}</span>
        ),
    }),
  ];
}
