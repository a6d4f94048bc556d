'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Fragment, useActionState, useState } from 'react';
import { useStaffFormat } from '@/components/admin/format';
import { Cell, EmptyRow, HeaderCell, Row, Table, TableBody, TableHead } from '@/components/tables/table';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { WithdrawalState } from '@/db/schema/enums';
import type { ActionState, FieldErrors, FormAction } from '@/lib/validations/action-state';
import { WithdrawalStatusBadge } from '../../my/wallet/withdraw/withdrawal-status-badge';

export type PayoutRow = {
  id: number;
  reference: string;
  customerId: number;
  customerName: string;
  customerEmail: string;
  amount: number;
  currency: string;
  /** In groups of four; null when none was given (asked through the API). */
  iban: string | null;
  accountHolder: string;
  source: 'api' | 'shop';
  state: WithdrawalState;
  rejectReason: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  createdAt: string;
};

const COLUMNS = 7;

/**
 * Withdrawals, those waiting first: each waiting one with "Mark as paid out" and "Reject" (a
 * required reason), both behind a dialog naming the amount and the customer. One action state for
 * every form, so the outcome stays on screen after the row changes.
 */
export function PayoutsTable({ rows, action }: { rows: PayoutRow[]; action: FormAction }) {
  const t = useTranslations('payouts.admin');
  const errorWords = useTranslations('errors');
  const format = useStaffFormat();
  const [state, dispatch, pending] = useActionState(action, { status: 'idle' });
  const [rejecting, setRejecting] = useState<number | null>(null);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  // A reason found missing before the dialog opens, for the answer it was found after (a new answer replaces it).
  const [early, setEarly] = useState<{ after: ActionState; errors: FieldErrors } | null>(null);
  const errors = early?.after === state ? early.errors : state.status === 'error' ? state.fieldErrors : undefined;
  const named = (row: PayoutRow) => ({ reference: row.reference, customer: row.customerName, amount: format.money(row.amount, row.currency) });
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

  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={state} />
      <Table caption={t('caption')} testId="payouts">
        <TableHead>
          <HeaderCell>{t('columns.reference')}</HeaderCell>
          <HeaderCell>{t('columns.customer')}</HeaderCell>
          <HeaderCell numeric>{t('columns.amount')}</HeaderCell>
          <HeaderCell>{t('columns.bankAccount')}</HeaderCell>
          <HeaderCell>{t('columns.requested')}</HeaderCell>
          <HeaderCell>{t('columns.status')}</HeaderCell>
          <HeaderCell className="text-right">{t('columns.actions')}</HeaderCell>
        </TableHead>
        <TableBody>
          {rows.length === 0 ? <EmptyRow colSpan={COLUMNS}>{t('empty')}</EmptyRow> : null}
          {rows.map((row) => (
            <Fragment key={row.id}>
              <Row data-testid={`payout-${row.reference}`}>
                <Cell label={t('columns.reference')}>
                  <span className="font-mono text-xs">{row.reference}</span>
                  <span className="block text-xs text-stone-600">{t(`source.${row.source}`)}</span>
                </Cell>
                <Cell label={t('columns.customer')}>
                  <span className="flex flex-col">
                    <Link href={`/admin/customers/${row.customerId}`} className="text-brand-700 underline">
                      {row.customerName}
                    </Link>
                    <span className="text-xs text-stone-600">{row.customerEmail}</span>
                  </span>
                </Cell>
                <Cell label={t('columns.amount')} numeric>
                  {format.money(row.amount, row.currency)}
                </Cell>
                <Cell label={t('columns.bankAccount')}>
                  {row.iban ? (
                    <span className="flex flex-col">
                      <span className="font-mono text-xs">{row.iban}</span>
                      <span className="text-xs text-stone-600">{row.accountHolder}</span>
                    </span>
                  ) : (
                    <span className="text-xs text-stone-600">{t('noBankAccount')}</span>
                  )}
                </Cell>
                <Cell label={t('columns.requested')}>
                  <time dateTime={row.createdAt}>{format.dateTime(row.createdAt)}</time>
                </Cell>
                <Cell label={t('columns.status')}>
                  <span className="flex flex-col items-start gap-1">
                    <WithdrawalStatusBadge state={row.state} />
                    {row.decidedAt && row.state !== 'cancelled' && row.decidedByName ? (
                      <span className="text-xs text-stone-600">{t('decided', { name: row.decidedByName, date: format.dateTime(row.decidedAt) })}</span>
                    ) : null}
                    {row.rejectReason ? <span className="text-xs text-stone-600">{t('reason', { reason: row.rejectReason })}</span> : null}
                  </span>
                </Cell>
                <Cell wide>
                  {row.state === 'pending' ? (
                    <div className="flex flex-wrap justify-end gap-2 sm:flex-nowrap">
                      <form action={dispatch}>
                        <input type="hidden" name="intent" value="pay_out" />
                        <input type="hidden" name="withdrawalId" value={row.id} />
                        <ConfirmButton
                          label={t('payOut')}
                          title={t('confirmPayOut.title')}
                          body={
                            <>
                              <p>{t('confirmPayOut.body', named(row))}</p>
                              {row.iban ? <p className="font-mono text-xs">{t('confirmPayOut.account', { holder: row.accountHolder, iban: row.iban })}</p> : null}
                              <p>{t('confirmPayOut.check')}</p>
                            </>
                          }
                          confirmLabel={t('confirmPayOut.confirm')}
                          pendingLabel={t('confirmPayOut.pending')}
                          cancelLabel={t('confirmPayOut.cancel')}
                          disabled={pending}
                        />
                      </form>
                      <Button
                        variant="secondary"
                        disabled={pending}
                        aria-expanded={rejecting === row.id}
                        aria-controls={`reject-${row.id}`}
                        onClick={() => setRejecting(rejecting === row.id ? null : row.id)}
                      >
                        {t('reject')}
                      </Button>
                    </div>
                  ) : null}
                </Cell>
              </Row>
              {rejecting === row.id && row.state === 'pending' ? (
                <Row id={`reject-${row.id}`} className="bg-stone-50">
                  <Cell colSpan={COLUMNS} wide>
                    <form action={dispatch} className="flex flex-wrap items-end gap-3" noValidate>
                      <input type="hidden" name="intent" value="reject" />
                      <input type="hidden" name="withdrawalId" value={row.id} />
                      <Field
                        id={`reject-reason-${row.id}`}
                        label={t('rejectReason', { reference: row.reference })}
                        hint={t('rejectReasonHint')}
                        name="reason"
                        required
                        maxLength={200}
                        className="min-w-0 flex-1 sm:min-w-72"
                        value={reasons[row.id] ?? (state.status === 'error' ? (state.values?.reason ?? '') : '')}
                        onChange={(event) => setReasons({ ...reasons, [row.id]: event.target.value })}
                        errors={errors?.reason}
                      />
                      <ConfirmButton
                        label={t('rejectSubmit')}
                        title={t('confirmReject.title')}
                        body={
                          <>
                            <p>{t('confirmReject.body', named(row))}</p>
                            {reasons[row.id]?.trim() ? <p>{t('confirmReject.reason', { reason: reasons[row.id]?.trim() ?? '' })}</p> : null}
                          </>
                        }
                        confirmLabel={t('confirmReject.confirm')}
                        pendingLabel={t('confirmReject.pending')}
                        cancelLabel={t('confirmReject.cancel')}
                        variant="danger"
                        disabled={pending}
                        onOpen={reasonGiven}
                      />
                      <Button variant="ghost" onClick={() => setRejecting(null)}>
                        {t('close')}
                      </Button>
                    </form>
                  </Cell>
                </Row>
              ) : null}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
