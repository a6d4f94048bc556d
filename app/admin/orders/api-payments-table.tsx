'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Cell, HeaderCell, Row, Table, TableBody, TableHead } from '@/components/tables/table';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import type { FormAction } from '@/lib/validations/action-state';

export type ApiPaymentRow = {
  id: number;
  reference: string;
  /** Null when the merchant named no member. */
  member: { id: number; name: string; email: string } | null;
  /** The way of paying, worded. */
  method: string;
  /** Formatted. */
  amount: string;
  createdAt: string;
  /** Formatted in the shop's time zone. */
  created: string;
  conversationId: string | null;
  externalId: string | null;
  attemptKey: string;
};

/**
 * The waiting API payments, each with "Mark paid" and "Cancel" behind a dialog naming the amount
 * and the member. One action state for every form, so the outcome stays on screen after the row
 * (even the last one) goes.
 */
export function ApiPaymentsTable({ rows, action }: { rows: ApiPaymentRow[]; action: FormAction }) {
  const t = useTranslations('admin.orders.apiPayments');
  const [state, dispatch, pending] = useActionState(action, { status: 'idle' });
  const named = (row: ApiPaymentRow) => ({ reference: row.reference, amount: row.amount, member: row.member?.name ?? t('noMemberNamed'), method: row.method });

  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={state} />
      {rows.length === 0 ? null : (
        <Table caption={t('caption')} testId="api-payments-table">
          <TableHead>
            <HeaderCell>{t('columns.reference')}</HeaderCell>
            <HeaderCell>{t('columns.member')}</HeaderCell>
            <HeaderCell>{t('columns.method')}</HeaderCell>
            <HeaderCell numeric>{t('columns.amount')}</HeaderCell>
            <HeaderCell>{t('columns.created')}</HeaderCell>
            <HeaderCell>{t('columns.ids')}</HeaderCell>
            <HeaderCell className="text-right">{t('columns.actions')}</HeaderCell>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <Row key={row.id} data-testid={`api-payment-${row.reference}`}>
                <Cell label={t('columns.reference')}>
                  <span className="font-mono text-xs">{row.reference}</span>
                </Cell>
                <Cell label={t('columns.member')}>
                  {row.member ? (
                    <span className="flex flex-col">
                      <Link href={`/admin/customers/${row.member.id}`} className="text-brand-700 underline">
                        {row.member.name}
                      </Link>
                      <span className="text-xs text-stone-600">{row.member.email}</span>
                    </span>
                  ) : (
                    t('noMember')
                  )}
                </Cell>
                <Cell label={t('columns.method')}>{row.method}</Cell>
                <Cell label={t('columns.amount')} numeric>
                  {row.amount}
                </Cell>
                <Cell label={t('columns.created')}>
                  <time dateTime={row.createdAt}>{row.created}</time>
                </Cell>
                <Cell label={t('columns.ids')}>
                  <span className="flex flex-col break-all font-mono text-xs">
                    <span>{row.conversationId ?? t('noMember')}</span>
                    <span className="text-stone-600">{row.externalId ?? t('noMember')}</span>
                  </span>
                </Cell>
                <Cell wide>
                  <div className="flex flex-wrap justify-end gap-2 sm:flex-nowrap">
                    <form action={dispatch}>
                      <input type="hidden" name="intent" value="complete" />
                      <input type="hidden" name="paymentId" value={row.id} />
                      <input type="hidden" name="attemptKey" value={row.attemptKey} />
                      <ConfirmButton
                        label={
                          <>
                            {t('markPaid')}
                            <span className="sr-only"> ({row.reference})</span>
                          </>
                        }
                        title={t('confirmPaid.title')}
                        body={
                          <>
                            <p>{t('confirmPaid.body', named(row))}</p>
                            <p>{t('confirmPaid.check')}</p>
                          </>
                        }
                        confirmLabel={t('confirmPaid.confirm')}
                        pendingLabel={t('confirmPaid.pending')}
                        cancelLabel={t('confirmPaid.cancel')}
                        disabled={pending}
                      />
                    </form>
                    <form action={dispatch}>
                      <input type="hidden" name="intent" value="cancel" />
                      <input type="hidden" name="paymentId" value={row.id} />
                      <input type="hidden" name="attemptKey" value={row.attemptKey} />
                      <ConfirmButton
                        label={
                          <>
                            {t('cancel')}
                            <span className="sr-only"> ({row.reference})</span>
                          </>
                        }
                        title={t('confirmCancel.title')}
                        body={<p>{t('confirmCancel.body', named(row))}</p>}
                        confirmLabel={t('confirmCancel.confirm')}
                        pendingLabel={t('confirmCancel.pending')}
                        cancelLabel={t('confirmCancel.cancel')}
                        variant="danger"
                        disabled={pending}
                      />
                    </form>
                  </div>
                </Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
