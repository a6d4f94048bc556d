'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { createStaffInvoice, readInvoiceLines } from '@/lib/admin/invoices';
import { getSettings } from '@/lib/settings';
import { invoiceFormSchema } from '@/lib/validations/admin';
import { staffAction } from '../../../_server/action';

/** Create Invoice: bill a customer for lines priced by staff (staff only). */
export const createInvoiceAction = staffAction.input(invoiceFormSchema).run(async (input, { db, viewer, values }) => {
  const { currency } = await getSettings(db.read);
  const lines = readInvoiceLines(values, currency);
  if (!lines.ok) return { status: 'error', message: 'Please correct the invoice lines.', fieldErrors: lines.fieldErrors, values };
  const result = await createStaffInvoice(db, { ...input, lines: lines.lines, currency, staffId: viewer.id });
  if (result.status === 'customer_not_found') {
    return {
      status: 'error',
      message: 'Please correct the customer.',
      fieldErrors: { customerEmail: ['No customer has this email address.'] },
      values,
    };
  }
  if (result.status === 'invalid') return { status: 'error', message: result.message, values };
  revalidatePath('/admin', 'layout');
  redirect(`/admin/invoices?q=${encodeURIComponent(result.invoice.number)}`);
});
