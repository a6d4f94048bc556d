'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { confirmTopUps, rejectPendingTopUp } from '@/lib/admin/top-ups';
import { topUpDecisionSchema } from '@/lib/validations/admin';
import { staffAction } from '../../_server/action';
import { describeDecisions } from './describe';

/** Confirm one or several pending wire top-ups, or reject one with a reason (staff only). */
export const decideTopUps = staffAction.input(topUpDecisionSchema).run(async (input, { db, viewer, values }) => {
  const decisions =
    input.intent === 'confirm'
      ? await confirmTopUps(db, input.paymentIds, viewer.id)
      : [await rejectPendingTopUp(db, input.paymentId, viewer.id, input.reason)];
  revalidatePath('/admin', 'layout');
  const message = describeDecisions(await getTranslations('admin.topUps.decisions'), decisions);
  const changed = decisions.some((decision) => decision.status === 'confirmed' || decision.status === 'rejected');
  return changed ? { status: 'success', message } : { status: 'error', message, values };
});
