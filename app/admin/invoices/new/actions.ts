'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { createStaffInvoice, readInvoiceLines } from '@/lib/admin/invoices';
import { getSettings } from '@/lib/settings';
import { invoiceFormSchema, maxInvoiceLines } from '@/lib/validations/admin';
import { errorMessage } from '../../../_i18n/server-errors';
import { staffAction } from '../../../_server/action';

/** Create Invoice: bill a customer for lines priced by staff (staff only). */
export const createInvoiceAction = staffAction.input(invoiceFormSchema).run(async (input, { db, viewer, values }) => {
  const [{ currency }, locale, t] = await Promise.all([getSettings(db.read), getLocale(), getTranslations('admin.newInvoice')]);
  // Field errors are validation codes; the action layer words them.
  const lines = readInvoiceLines(values, currency, maxInvoiceLines, locale);
  if (!lines.ok) return { status: 'error', message: t('correctLines'), fieldErrors: lines.fieldErrors, values };
  const result = await createStaffInvoice(db, { ...input, lines: lines.lines, currency, staffId: viewer.id });
  if (result.status === 'customer_not_found') {
    return { status: 'error', message: t('correctCustomer'), fieldErrors: { customerEmail: [t('noCustomer')] }, values };
  }
  if (result.status === 'invalid') return { status: 'error', message: await errorMessage(result.code, result.params), values };
  revalidatePath('/admin', 'layout');
  redirect(`/admin/invoices?q=${encodeURIComponent(result.invoice.number)}`);
});
