'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { OrderError } from '@/lib/orders/errors';
import { moveOrders } from '@/lib/orders/status';
import { shipOrdersSchema } from '@/lib/validations/orders';
import { staffAction } from '../../_server/action';
import { orderErrorMessage } from '../../my/orders/order-errors';

/**
 * The list's bulk "Mark as shipped": each selected order is moved (and audited) on its own, once
 * per attempt key; the answer names the orders that could not ship (staff only).
 */
export const shipOrdersAction = staffAction.input(shipOrdersSchema).run(async ({ orderIds, attemptKey }, { db, viewer, values }) => {
  let results: Awaited<ReturnType<typeof moveOrders>>;
  try {
    results = await moveOrders(db, { orderIds, to: 'shipped', staffId: viewer.id, attemptKey });
  } catch (error) {
    if (error instanceof OrderError) return { status: 'error', message: await orderErrorMessage(error), code: error.code, values };
    throw error;
  }
  revalidatePath('/admin', 'layout');
  revalidatePath('/my/orders', 'layout');
  const t = await getTranslations('fulfilment.list');
  const shipped = results.filter((result) => 'outcome' in result && result.outcome.status === 'moved').length;
  const numbers = results.flatMap((result) => ('refused' in result ? [result.number ?? `#${result.orderId}`] : []));
  if (numbers.length === 0) return { status: 'success', message: t('shipped', { count: shipped }) };
  return { status: 'error', message: `${t('shipped', { count: shipped })} ${t('notShipped', { numbers: numbers.sort().join(', ') })}` };
});
