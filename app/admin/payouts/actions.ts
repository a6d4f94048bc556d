'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { payOutWithdrawal, rejectWithdrawal } from '@/lib/withdrawals/decide';
import { withdrawalDecisionSchema } from '@/lib/withdrawals/forms';
import { withdrawalReference } from '@/lib/withdrawals/references';
import { staffAction } from '../../_server/action';

/**
 * Payouts: mark a withdrawal as paid out (its hold is posted) or reject it with a reason (voided).
 * Staff only, audited in lib; exactly once however many staff click at once: the others are told
 * what was decided first.
 */
export const decideWithdrawalAction = staffAction.input(withdrawalDecisionSchema).run(async (input, { db, viewer, values }) => {
  const decision =
    input.intent === 'pay_out'
      ? await payOutWithdrawal(db, { withdrawalId: input.withdrawalId, staffId: viewer.id })
      : await rejectWithdrawal(db, { withdrawalId: input.withdrawalId, staffId: viewer.id, reason: input.reason });
  revalidatePath('/admin/payouts');
  const t = await getTranslations('payouts.admin.outcome');
  const message = t(decision.status, { reference: decision.status === 'not_found' ? '' : withdrawalReference(decision.withdrawal.id) });
  return decision.status === 'paid' || decision.status === 'rejected' ? { status: 'success', message } : { status: 'error', message, values };
});
