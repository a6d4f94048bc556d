import crypto from 'node:crypto';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { InvoiceForm } from '@/components/admin/invoice-form';
import { getRateFormat } from '@/components/invoices/invoice-document';
import { PageHeading } from '@/components/ui/page-heading';
import { getSettings } from '@/lib/settings';
import { maxInvoiceLines } from '@/lib/validations/admin';
import { requireStaff } from '../../../_server/session';
import { createInvoiceAction } from './actions';
import { getDatabase } from '@/db';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.newInvoice');
  return { title: t('title') };
}

export default async function NewInvoicePage() {
  await requireStaff('/admin/invoices/new');
  const [{ currency, defaultTaxRateBp }, t, tStaff, rate] = await Promise.all([
    getSettings(getDatabase().read),
    getTranslations('admin.newInvoice'),
    getTranslations('invoices.staff'),
    getRateFormat(),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')}>
        <Link href="/admin/invoices" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>
      <p className="max-w-2xl text-sm text-stone-600">{t('intro')}</p>
      <p className="max-w-2xl text-sm text-stone-600" data-testid="invoice-tax-note">
        {tStaff('taxNote', { rate: rate(defaultTaxRateBp) })}
      </p>
      <InvoiceForm action={createInvoiceAction} attemptKey={crypto.randomUUID()} currency={currency} maxLines={maxInvoiceLines} />
    </div>
  );
}
