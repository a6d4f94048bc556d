'use client';

import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type RowSelectionState,
  type SortingState,
} from '@tanstack/react-table';
import { useTranslations } from 'next-intl';
import { Fragment, useActionState, useMemo, useState } from 'react';
import { useStaffFormat } from '@/components/admin/format';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState, FieldErrors, FormAction } from '@/lib/validations/action-state';
import { TanstackTableParts } from '../data-table';
import { Cell, checkboxTarget, HeaderCell, Row, Table } from '../table';
import { pendingTopUpColumns, type PendingTopUpRow } from './columns';

const sortLabels = { asc: 'ascending', desc: 'descending' } as const;

/**
 * Pending wire top-ups: sortable columns, row checkboxes with a bulk Confirm, and per row Confirm
 * or Reject (with a required reason). All forms share one action state, so the outcome stays on
 * screen after the confirmed rows leave the table. Each decision is confirmed in a dialog naming
 * the customer, the amount and the reference (confirm.topUp).
 */
export function PendingTopUpsTable({ rows, action }: { rows: PendingTopUpRow[]; action: FormAction }) {
  const t = useTranslations('admin.topUps');
  const words = useTranslations('confirm.topUp');
  const errorWords = useTranslations('errors');
  const format = useStaffFormat();
  const columns = useMemo(() => pendingTopUpColumns(t, format), [t, format]);
  const [state, dispatch, pending] = useActionState(action, { status: 'idle' });
  const [sorting, setSorting] = useState<SortingState>([{ id: 'createdAt', desc: true }]);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [rejecting, setRejecting] = useState<number | null>(null);
  // A reason found missing before the dialog opens, for the answer it was found after (a new answer replaces it).
  const [early, setEarly] = useState<{ after: ActionState; errors: FieldErrors } | null>(null);
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, rowSelection },
    getRowId: (row) => String(row.paymentId),
    onSortingChange: setSorting,
    onRowSelectionChange: setRowSelection,
    enableRowSelection: true,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const selectedRows = table.getSelectedRowModel().rows.map((row) => row.original);
  const selected = selectedRows.map((topUp) => topUp.paymentId);
  const errors = early?.after === state ? early.errors : state.status === 'error' ? state.fieldErrors : undefined;
  const selectedTotal = () => {
    const totals = new Map<string, number>();
    for (const topUp of selectedRows) totals.set(topUp.currency, (totals.get(topUp.currency) ?? 0) + topUp.amount);
    return [...totals].map(([currency, amount]) => format.money(amount, currency)).join(', ');
  };
  const named = (topUp: PendingTopUpRow) => ({
    reference: topUp.reference,
    customer: topUp.customerName,
    amount: format.money(topUp.amount, topUp.currency),
  });
  /** The reason is required: say so beside the field rather than open a dialog the server would refuse. */
  const reasonGiven = (form: HTMLFormElement | null) => {
    const reason = form ? new FormData(form).get('reason') : null;
    if (typeof reason === 'string' && reason.trim()) {
      setEarly(null);
      return true;
    }
    setEarly({ after: state, errors: { reason: [errorWords('validation.reasonRequired')] } });
    form?.querySelector<HTMLInputElement>('[name="reason"]')?.focus();
    return false;
  };
  const columnCount = columns.length + 2;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <form action={dispatch}>
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="paymentIds" value={selected.join(',')} />
          <ConfirmButton
            label={t('confirmSelected', { count: selected.length })}
            title={words('confirmSelected.title', { count: selected.length })}
            body={
              <>
                <p>{words('confirmSelected.body', { total: selectedTotal() })}</p>
                <ul className="list-disc pl-5">
                  {selectedRows.map((topUp) => (
                    <li key={topUp.paymentId}>{words('confirmSelected.line', named(topUp))}</li>
                  ))}
                </ul>
                <p>{words('confirmSelected.check')}</p>
              </>
            }
            confirmLabel={words('confirmSelected.confirm')}
            cancelLabel={words('confirmSelected.cancel')}
            disabled={pending || selected.length === 0}
          />
        </form>
        <FormMessage state={state} />
      </div>
      <Table caption={t('caption')}>
        <TanstackTableParts
          table={table}
          emptyText={t('empty')}
          extraColumns={2}
          headerBefore={
            <HeaderCell className="w-10" control>
              <label className={checkboxTarget}>
                <input
                  type="checkbox"
                  className="size-5"
                  aria-label={t('selectAll')}
                  checked={table.getIsAllRowsSelected()}
                  ref={(box) => {
                    if (box) box.indeterminate = table.getIsSomeRowsSelected();
                  }}
                  onChange={table.getToggleAllRowsSelectedHandler()}
                />
              </label>
            </HeaderCell>
          }
          headerAfter={<HeaderCell className="text-right">{t('actions')}</HeaderCell>}
          header={(header) => {
            const sorted = header.column.getIsSorted();
            return (
              <HeaderCell
                key={header.id}
                numeric={header.column.columnDef.meta?.numeric}
                control
                aria-sort={sorted ? sortLabels[sorted] : 'none'}
              >
                <button
                  type="button"
                  onClick={header.column.getToggleSortingHandler()}
                  className="inline-flex min-h-11 items-center gap-1 uppercase hover:text-stone-900"
                >
                  {flexRender(header.column.columnDef.header, header.getContext())}
                  <span aria-hidden>{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                </button>
              </HeaderCell>
            );
          }}
          rowProps={(row) => ({ className: row.getIsSelected() ? 'bg-brand-50' : undefined })}
          before={(row) => (
            <Cell className="w-10 py-0">
              <label className={checkboxTarget}>
                <input
                  type="checkbox"
                  className="size-5"
                  aria-label={t('select', { reference: row.original.reference })}
                  checked={row.getIsSelected()}
                  onChange={row.getToggleSelectedHandler()}
                />
              </label>
            </Cell>
          )}
          after={(row) => {
            const topUp = row.original;
            return (
              <Cell wide>
                <div className="flex flex-wrap justify-end gap-2 sm:flex-nowrap">
                  <form action={dispatch}>
                    <input type="hidden" name="intent" value="confirm" />
                    <input type="hidden" name="paymentIds" value={topUp.paymentId} />
                    <ConfirmButton
                      label={t('confirm')}
                      title={words('confirm.title')}
                      body={
                        <>
                          <p>{words('confirm.body', named(topUp))}</p>
                          <p>{words('confirm.check')}</p>
                        </>
                      }
                      confirmLabel={words('confirm.confirm')}
                      cancelLabel={words('confirm.cancel')}
                      disabled={pending}
                    />
                  </form>
                  <Button
                    variant="secondary"
                    disabled={pending}
                    aria-expanded={rejecting === topUp.paymentId}
                    aria-controls={`reject-${topUp.paymentId}`}
                    onClick={() => setRejecting(rejecting === topUp.paymentId ? null : topUp.paymentId)}
                  >
                    {t('reject')}
                  </Button>
                </div>
              </Cell>
            );
          }}
          renderRow={(row, tr) => {
            const topUp = row.original;
            return (
              <Fragment key={row.id}>
                {tr}
                {rejecting === topUp.paymentId ? (
                  <Row id={`reject-${topUp.paymentId}`} className="bg-stone-50">
                    <Cell colSpan={columnCount} wide>
                      <form action={dispatch} className="flex flex-wrap items-end gap-3" noValidate>
                        <input type="hidden" name="intent" value="reject" />
                        <input type="hidden" name="paymentId" value={topUp.paymentId} />
                        <Field
                          id={`reject-reason-${topUp.paymentId}`}
                          label={t('rejectReason', { reference: topUp.reference })}
                          name="reason"
                          required
                          maxLength={200}
                          className="min-w-0 flex-1 sm:min-w-72"
                          defaultValue={state.status === 'error' ? state.values?.reason : undefined}
                          errors={errors?.reason}
                        />
                        <ConfirmButton
                          label={t('rejectSubmit')}
                          title={words('reject.title')}
                          body={
                            <>
                              <p>{words('reject.body', named(topUp))}</p>
                              <p>{words('reject.check')}</p>
                            </>
                          }
                          confirmLabel={words('reject.confirm')}
                          cancelLabel={words('reject.cancel')}
                          variant="danger"
                          disabled={pending}
                          onOpen={reasonGiven}
                        />
                        <Button variant="ghost" onClick={() => setRejecting(null)}>
                          {t('cancel')}
                        </Button>
                      </form>
                    </Cell>
                  </Row>
                ) : null}
              </Fragment>
            );
          }}
        />
      </Table>
    </div>
  );
}
