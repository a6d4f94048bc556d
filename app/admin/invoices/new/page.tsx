import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { InvoiceForm } from '@/components/admin/invoice-form';
import { PageHeading } from '@/components/ui/page-heading';
import { getSettings } from '@/lib/settings';
import { maxInvoiceLines } from '@/lib/validations/admin';
import { requireStaff } from '../../../_server/session';
import { createInvoiceAction } from './actions';
import { getDatabase } from '@/db';

export const metadata: Metadata = { title: 'New Invoice' };

export default async function NewInvoicePage() {
  await requireStaff('/admin/invoices/new');
  const { currency } = await getSettings(getDatabase().read);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title="New Invoice">
        <Link href="/admin/invoices" className="text-sm text-brand-700 underline">
          Back to Invoices
        </Link>
      </PageHeading>
      <p className="max-w-2xl text-sm text-stone-600">
        The invoice is issued at once, numbered INV/&lt;year&gt;/&lt;number&gt;, and the customer can pay it from My Account &gt;
        Invoices.
      </p>
      <InvoiceForm action={createInvoiceAction} attemptKey={crypto.randomUUID()} currency={currency} maxLines={maxInvoiceLines} />
    </div>
  );
}
