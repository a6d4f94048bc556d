import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useStaffFormat, type StaffFormat, type Words } from '@/components/admin/format';
import { DataTable } from '@/components/tables/data-table';
import { Badge } from '@/components/ui/badge';
import type { ProductStatus, StaffProductRow } from '@/lib/catalog/products';
import { productImage } from '@/lib/shop/product-image';
import { ProductImage } from './product-image';

const column = createColumnHelper<StaffProductRow>();

const statusTones = { active: 'success', hidden: 'neutral', archived: 'warning' } as const satisfies Record<ProductStatus, string>;

/** The staff's product columns (t: catalog.products). */
function productColumns(t: Words, format: StaffFormat): ColumnDef<StaffProductRow, unknown>[] {
  return [
    column.display({
      id: 'name',
      header: t('columns.name'),
      cell: ({ row }) => (
        <Link href={`/admin/products/${row.original.id}`} className="flex items-center gap-3 font-medium text-brand-700 underline">
          <ProductImage src={productImage(row.original)} alt="" width={48} height={36} sizes="48px" className="h-9 w-12 shrink-0 rounded bg-stone-100 object-cover" />
          <span>{row.original.name}</span>
        </Link>
      ),
    }),
    column.display({
      id: 'price',
      header: t('columns.price'),
      cell: ({ row }) => format.money(row.original.priceMinor, row.original.currency),
      meta: { numeric: true },
    }),
    column.display({
      id: 'stock',
      header: t('columns.stock'),
      cell: ({ row }) => {
        const { stock } = row.original;
        if (stock === null) return <span className="text-stone-500">{t('notTracked')}</span>;
        return stock === 0 ? <Badge tone="danger">{t('outOfStock')}</Badge> : stock;
      },
      meta: { numeric: true },
    }),
    column.display({
      id: 'status',
      header: t('columns.status'),
      cell: ({ row }) => <Badge tone={statusTones[row.original.status]}>{t(`status.${row.original.status}`)}</Badge>,
    }),
    column.display({
      id: 'category',
      header: t('columns.category'),
      cell: ({ row }) => row.original.categoryName ?? <span className="text-stone-500">{t('noCategory')}</span>,
    }),
  ];
}

/** One server-paged page of the staff's product list. */
export function ProductsTable({ rows }: { rows: StaffProductRow[] }) {
  const t = useTranslations('catalog.products');
  const format = useStaffFormat();
  return <DataTable columns={productColumns(t, format)} rows={rows} caption={t('caption')} emptyText={t('empty')} />;
}
