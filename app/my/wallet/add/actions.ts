'use server';

import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { PaymentError } from '@/lib/payments/errors';
import { startTopUp } from '@/lib/wallet/top-ups';
import { topUpFormSchema } from '@/lib/validations/wallet';
import { errorMessage } from '../../../_i18n/server-errors';
import { authorizedAction } from '../../../_server/action';
import { fieldErrorWords } from './field-errors';

/** Add Money: validates the amount on the server, starts the top-up and sends the shopper on. */
export const addMoney = authorizedAction('any', topUpFormSchema, async (form, viewer, values) => {
  let destination: string;
  try {
    const started = await startTopUp(getDatabase(), { id: viewer.id, email: viewer.email }, form, await getLocale());
    if (started.status === 'invalid') {
      return {
        status: 'error',
        message: (await getTranslations('errors'))('validation.amountInvalid'),
        fieldErrors: await fieldErrorWords(started.fieldErrors),
        values,
      };
    }
    if (started.status === 'refused') {
      return { status: 'error', message: await errorMessage(started.code, { method: form.method }), values };
    }
    destination = started.status === 'redirect' ? started.url : `/payments/${started.payment.reference}`;
  } catch (error) {
    if (error instanceof PaymentError) return { status: 'error', message: await errorMessage(error.code, error.params), values };
    throw error;
  }
  redirect(destination);
});
