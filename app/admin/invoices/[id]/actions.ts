'use server';

import { revalidatePath } from 'next/cache';
import { getLocale, getTranslations } from 'next-intl/server';
import { getStaffFormat } from '@/components/admin/format-server';
import { creditNoteFormSchema, getStaffInvoice, issueCreditNote } from '@/lib/admin/invoices';
import { shopLocale } from '@/lib/i18n/locales';
import { parseAmount } from '@/lib/money';
import { errorMessage } from '../../../_i18n/server-errors';
import { staffAction } from '../../../_server/action';

/**
 * Issue Credit Note: take back (part of) an invoice, e.g. after its order was refunded, never more
 * than can be credited (staff only; once per form attempt; audited).
 */
export const issueCreditNoteAction = staffAction.input(creditNoteFormSchema).run(async (input, { db, viewer, values }) => {
  const [t, format, locale] = await Promise.all([getTranslations('invoices.staff.messages'), getStaffFormat(), getLocale()]);
  const detail = await getStaffInvoice(db.read, input.invoiceId);
  if (!detail || detail.invoice.kind !== 'invoice') return { status: 'error', message: t('notFound'), values };
  const { invoice } = detail;
  const amount = parseAmount(input.amount, invoice.currency, locale);
  if (!amount.ok) return { status: 'error', message: t('correct'), fieldErrors: { amount: [await errorMessage(amount.code, amount.params)] }, values };
  // The credit note's lines are worded in the shop's language, as its order lines are.
  const words = await getTranslations({ locale: shopLocale(), namespace: 'invoices.creditNote' });
  const result = await issueCreditNote(db, {
    invoiceId: invoice.id,
    amount: amount.amount,
    reason: input.reason,
    staffId: viewer.id,
    attemptKey: input.attemptKey,
    lineDescription: (credited) => words('line', { number: credited.number }),
  });
  switch (result.status) {
    case 'issued':
      revalidatePath('/admin', 'layout');
      return {
        status: 'success',
        message: t(result.replayed ? 'alreadyIssued' : 'issued', {
          number: result.creditNote.number,
          amount: format.money(result.creditNote.amountTotal, result.creditNote.currency),
          invoice: invoice.number,
        }),
      };
    case 'exceeds_creditable': {
      const creditable = format.money(result.creditable, result.currency);
      return {
        status: 'error',
        message: result.creditable > 0 ? t('exceeds', { creditable, invoice: invoice.number }) : t('nothingCreditable', { invoice: invoice.number }),
        fieldErrors: { amount: [t('exceedsField', { creditable })] },
        values,
      };
    }
    case 'invalid_amount':
      return { status: 'error', message: t('correct'), fieldErrors: { amount: [t('positive')] }, values };
    case 'not_found':
      return { status: 'error', message: t('notFound'), values };
  }
});
