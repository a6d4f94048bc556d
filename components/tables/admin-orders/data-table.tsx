'use client';

import { getCoreRowModel, useReactTable, type RowSelectionState } from '@tanstack/react-table';
import { useTranslations } from 'next-intl';
import { useActionState, useMemo, useState } from 'react';
import { useStaffFormat } from '@/components/admin/format';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState, FormAction } from '@/lib/validations/action-state';
import { TanstackTableParts } from '../data-table';
import { Cell, checkboxTarget, HeaderCell, Table } from '../table';
import { adminOrderColumns, type AdminOrderRow } from './columns';

/**
 * One page of all orders, for staff: a checkbox on each order that can ship and one bulk "Mark as
 * shipped" for the selected ones (each moved and audited on its own by the server, which checks
 * again what may ship). Shipping moves no money, so it needs no confirm dialog.
 */
export function AdminOrdersTable({ rows, shipAction, attemptKey }: { rows: AdminOrderRow[]; shipAction: FormAction; attemptKey: string }) {
  const t = useTranslations('admin.orders');
  const words = useTranslations('fulfilment.list');
  const format = useStaffFormat();
  const columns = useMemo(() => adminOrderColumns(t, format, (tracking) => words('tracking', { tracking })), [t, format, words]);
  const [state, dispatch] = useActionState(shipAction, { status: 'idle' });
  // The selection belongs to the answer it was made after: a new answer (orders shipped) clears it.
  const [picked, setPicked] = useState<{ after: ActionState; rows: RowSelectionState }>({ after: state, rows: {} });
  const rowSelection = picked.after === state ? picked.rows : {};
  const table = useReactTable({
    data: rows,
    columns,
    state: { rowSelection },
    getRowId: (row) => String(row.id),
    onRowSelectionChange: (update) => setPicked({ after: state, rows: typeof update === 'function' ? update(rowSelection) : update }),
    enableRowSelection: (row) => row.original.canShip,
    getCoreRowModel: getCoreRowModel(),
  });
  // Rows that left the page (or can no longer ship) after a refresh are not sent.
  const selected = table.getSelectedRowModel().rows.filter((row) => row.original.canShip).map((row) => row.original.id);
  const shippable = rows.some((row) => row.canShip);

  return (
    <div className="flex flex-col gap-3">
      <form action={dispatch} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="orderIds" value={selected.join(',')} />
        <input type="hidden" name="attemptKey" value={attemptKey} />
        <SubmitButton pendingLabel={words('marking')} disabled={selected.length === 0}>
          {words('markShipped', { count: selected.length })}
        </SubmitButton>
        <FormMessage state={state} />
      </form>
      <Table caption={t('caption')}>
        <TanstackTableParts
          table={table}
          emptyText={t('empty')}
          extraColumns={1}
          headerBefore={
            <HeaderCell className="w-10" control={shippable}>
              <span className="sr-only">{words('selectHeader')}</span>
              {shippable ? (
                <label className={checkboxTarget}>
                  <input
                    type="checkbox"
                    className="size-5"
                    aria-label={words('selectAll')}
                    checked={table.getIsAllRowsSelected()}
                    ref={(box) => {
                      if (box) box.indeterminate = table.getIsSomeRowsSelected();
                    }}
                    onChange={table.getToggleAllRowsSelectedHandler()}
                  />
                </label>
              ) : null}
            </HeaderCell>
          }
          before={(row) => (
            <Cell className="w-10 py-0">
              {row.getCanSelect() ? (
                <label className={checkboxTarget}>
                  <input
                    type="checkbox"
                    className="size-5"
                    aria-label={words('select', { number: row.original.number })}
                    checked={row.getIsSelected()}
                    onChange={row.getToggleSelectedHandler()}
                  />
                </label>
              ) : null}
            </Cell>
          )}
          rowProps={(row) => ({ className: row.getIsSelected() ? 'bg-brand-50' : undefined })}
        />
      </Table>
    </div>
  );
}
