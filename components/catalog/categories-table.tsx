import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { Words } from '@/components/admin/format';
import { DataTable } from '@/components/tables/data-table';
import type { FormAction } from '@/lib/validations/action-state';
import { DeleteCategoryForm, RenameCategoryForm } from './category-forms';

export type CategoryTableRow = { id: number; name: string; slug: string; productCount: number; archivedCount: number };

const column = createColumnHelper<CategoryTableRow>();

function categoryColumns(t: Words, renameAction: FormAction, deleteAction: FormAction): ColumnDef<CategoryTableRow, unknown>[] {
  return [
    column.display({ id: 'name', header: t('columns.name'), cell: ({ row }) => <span className="font-medium">{row.original.name}</span> }),
    column.display({
      id: 'slug',
      header: t('columns.slug'),
      cell: ({ row }) => (
        <Link href={`/category/${row.original.slug}`} className="text-brand-700 underline">
          /category/{row.original.slug}
        </Link>
      ),
    }),
    column.display({
      id: 'products',
      header: t('columns.products'),
      cell: ({ row }) => t('productCount', { count: row.original.productCount, archived: row.original.archivedCount }),
    }),
    column.display({
      id: 'actions',
      header: t('columns.actions'),
      cell: ({ row }) => (
        <div className="flex flex-wrap items-start gap-3">
          <RenameCategoryForm action={renameAction} categoryId={row.original.id} name={row.original.name} />
          <DeleteCategoryForm
            action={deleteAction}
            categoryId={row.original.id}
            name={row.original.name}
            empty={row.original.productCount + row.original.archivedCount === 0}
          />
        </div>
      ),
    }),
  ];
}

/** The shop's categories with their products, each renamed or deleted in its row. */
export function CategoriesTable({ rows, renameAction, deleteAction }: { rows: CategoryTableRow[]; renameAction: FormAction; deleteAction: FormAction }) {
  const t = useTranslations('catalog.categories');
  return <DataTable columns={categoryColumns(t, renameAction, deleteAction)} rows={rows} caption={t('caption')} emptyText={t('empty')} />;
}
