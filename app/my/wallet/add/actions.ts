'use server';

import { redirect } from 'next/navigation';
import { getDatabase } from '@/db';
import { PaymentError } from '@/lib/payments/errors';
import { startTopUp } from '@/lib/wallet/top-ups';
import { topUpFormSchema } from '@/lib/validations/wallet';
import { authorizedAction } from '../../../_server/action';

/** Add Money: validates the amount on the server, starts the top-up and sends the shopper on. */
export const addMoney = authorizedAction('any', topUpFormSchema, async (form, viewer, values) => {
  let destination: string;
  try {
    const started = await startTopUp(getDatabase(), { id: viewer.id, email: viewer.email }, form);
    if (started.status === 'invalid') {
      return { status: 'error', message: 'Please correct the amount.', fieldErrors: started.fieldErrors, values };
    }
    if (started.status === 'refused') {
      return { status: 'error', message: 'The shop does not take this way of paying at the moment. Please choose another.', values };
    }
    destination = started.status === 'redirect' ? started.url : `/payments/${started.payment.reference}`;
  } catch (error) {
    if (error instanceof PaymentError) return { status: 'error', message: error.message, values };
    throw error;
  }
  redirect(destination);
});
