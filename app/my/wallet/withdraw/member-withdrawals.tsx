'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Cell, EmptyRow, HeaderCell, Row, Table, TableBody, TableHead } from '@/components/tables/table';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import type { WithdrawalState } from '@/db/schema/enums';
import type { FormAction } from '@/lib/validations/action-state';
import { WithdrawalStatusBadge } from './withdrawal-status-badge';

export type MemberWithdrawalRow = {
  id: number;
  reference: string;
  /** Formatted in the member's language. */
  amount: string;
  /** In groups of four; null when none was given. */
  iban: string | null;
  state: WithdrawalState;
  rejectReason: string | null;
  /** Formatted in the shop's time zone. */
  requested: string;
  requestedIso: string;
};

/**
 * The member's withdrawals, newest first; a waiting one can be cancelled (its amount is available
 * again). One action state for every Cancel, so the outcome stays after the row changes.
 */
export function MemberWithdrawals({ rows, action, heading }: { rows: MemberWithdrawalRow[]; action: FormAction; heading?: string }) {
  const t = useTranslations('payouts.member');
  const [state, dispatch, pending] = useActionState(action, { status: 'idle' });
  return (
    <section aria-labelledby="withdrawals-heading" className="flex flex-col gap-3">
      <h2 id="withdrawals-heading" className="text-lg font-medium">
        {heading ?? t('listHeading')}
      </h2>
      <FormMessage state={state} />
      <Table caption={t('caption')} testId="member-withdrawals">
        <TableHead>
          <HeaderCell>{t('columns.reference')}</HeaderCell>
          <HeaderCell numeric>{t('columns.amount')}</HeaderCell>
          <HeaderCell>{t('columns.bankAccount')}</HeaderCell>
          <HeaderCell>{t('columns.requested')}</HeaderCell>
          <HeaderCell>{t('columns.status')}</HeaderCell>
          <HeaderCell>
            <span className="sr-only">{t('columns.actions')}</span>
          </HeaderCell>
        </TableHead>
        <TableBody>
          {rows.length === 0 ? <EmptyRow colSpan={6}>{t('listEmpty')}</EmptyRow> : null}
          {rows.map((row) => (
            <Row key={row.id} data-testid={`withdrawal-${row.reference}`}>
              <Cell label={t('columns.reference')}>
                <span className="font-mono text-xs">{row.reference}</span>
              </Cell>
              <Cell label={t('columns.amount')} numeric>
                {row.amount}
              </Cell>
              <Cell label={t('columns.bankAccount')}>
                <span className="font-mono text-xs">{row.iban ?? '—'}</span>
              </Cell>
              <Cell label={t('columns.requested')}>
                <time dateTime={row.requestedIso}>{row.requested}</time>
              </Cell>
              <Cell label={t('columns.status')}>
                <span className="flex flex-col items-start gap-1">
                  <WithdrawalStatusBadge state={row.state} />
                  {row.state === 'rejected' && row.rejectReason ? <span className="text-xs text-stone-600">{t('rejected', { reason: row.rejectReason })}</span> : null}
                </span>
              </Cell>
              <Cell wide>
                {row.state === 'pending' ? (
                  <form action={dispatch} className="flex justify-end">
                    <input type="hidden" name="withdrawalId" value={row.id} />
                    <ConfirmButton
                      label={t('cancel')}
                      title={t('confirmCancel.title')}
                      body={<p>{t('confirmCancel.body', { reference: row.reference, amount: row.amount })}</p>}
                      confirmLabel={t('confirmCancel.confirm')}
                      pendingLabel={t('confirmCancel.pending')}
                      cancelLabel={t('confirmCancel.cancel')}
                      variant="danger"
                      disabled={pending}
                    />
                  </form>
                ) : null}
              </Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
