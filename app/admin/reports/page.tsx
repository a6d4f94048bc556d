import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { PageHeading } from '@/components/ui/page-heading';
import { getDatabase } from '@/db';
import { dayOf, monthStartOf } from '@/lib/reports/days';
import { maxReportDays, readDayRange } from '@/lib/reports/range';
import { getSettings } from '@/lib/settings';
import { requireStaff } from '../../_server/session';
import { textParam } from '../search-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('reports.page');
  return { title: t('metaTitle') };
}

/** The field and reason an export sent back (?error=to.beforeFrom), if they are ones the page knows. */
function sentBack(error: string): { field: 'from' | 'to'; reason: 'missing' | 'invalid' | 'beforeFrom' | 'tooLong' } | undefined {
  const [field, reason] = error.split('.');
  if ((field === 'from' || field === 'to') && (reason === 'missing' || reason === 'invalid' || reason === 'beforeFrom' || reason === 'tooLong')) {
    return { field, reason };
  }
  return undefined;
}

/**
 * Reports: the orders or the invoices of a range of days as a CSV file. A plain GET form: each
 * button sends From and To to its export, which answers with the file (or sends the page back
 * here with the field that is wrong), so the page itself needs no script.
 */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string; error?: string }> }) {
  await requireStaff('/admin/reports');
  const params = await searchParams;
  const [{ timeZone }, t] = await Promise.all([getSettings(getDatabase().read), getTranslations('reports.page')]);
  const today = dayOf(Date.now(), timeZone);
  const from = textParam(params.from) || monthStartOf(today);
  const to = textParam(params.to) || today;
  // The export checked the days already; a hand-edited URL is checked again so the page says what is wrong.
  const checked = readDayRange({ from, to });
  const problem = sentBack(textParam(params.error)) ?? (checked.ok ? undefined : checked);
  const errors = (field: 'from' | 'to') => (problem?.field === field ? [t(`errors.${problem.reason}`, { max: maxReportDays })] : undefined);
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('title')}>
        <Link href="/admin" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeading>
      <p className="max-w-2xl text-sm text-stone-700">{t('intro', { timeZone })}</p>
      <form method="get" action="/admin/reports/orders" className="flex max-w-xl flex-col gap-4 rounded-xl border border-stone-200 bg-white p-5 shadow-sm" noValidate>
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-medium text-stone-700">{t('legend')}</legend>
          <Field id="report-from" type="date" name="from" label={t('from')} required defaultValue={from} errors={errors('from')} />
          <Field id="report-to" type="date" name="to" label={t('to')} required defaultValue={to} errors={errors('to')} />
        </fieldset>
        {problem ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {t('correct')}
          </p>
        ) : null}
        <div className="flex flex-col gap-2 sm:flex-row">
          <Button type="submit" formAction="/admin/reports/orders">
            {t('downloadOrders')}
          </Button>
          <Button type="submit" variant="secondary" formAction="/admin/reports/invoices">
            {t('downloadInvoices')}
          </Button>
        </div>
      </form>
    </div>
  );
}
