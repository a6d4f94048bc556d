import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getStaffFormat } from '@/components/admin/format-server';
import { PageHeading } from '@/components/ui/page-heading';
import { getDatabase } from '@/db';
import { getOutboxMessageView } from '@/lib/notifications/outbox-view';
import { isMailConfigured } from '@/lib/notifications/transport';
import { requireStaff } from '../../../_server/session';
import { OutboxStateBadge } from '../state-badge';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mail.outbox');
  return { title: t('title') };
}

const term = 'text-xs uppercase tracking-wide text-stone-500';

/** One e-mail as its recipient reads it: the text part, and the HTML part in a sandboxed frame (no scripts, no cookies). */
export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireStaff(`/admin/outbox/${id}`);
  const configured = isMailConfigured();
  const view = /^\d{1,12}$/.test(id) ? await getOutboxMessageView(getDatabase().read, Number(id), configured) : undefined;
  if (!view) notFound();
  const { message, state, rendered } = view;
  const [t, format] = await Promise.all([getTranslations('mail.outbox'), getStaffFormat()]);
  const facts: [string, React.ReactNode][] = [
    [t('detail.to'), <span key="to" className="break-all">{message.toAddress}</span>],
    [t('columns.state'), <OutboxStateBadge key="state" state={state} />],
    [t('detail.language'), message.locale],
    [t('detail.created'), format.dateTime(message.createdAt)],
    [t('detail.attempts'), message.attempts],
  ];
  if (message.sentAt) facts.push([t('detail.sent'), format.dateTime(message.sentAt)]);
  if (message.state === 'pending' && configured) facts.push([t('detail.nextAttempt'), format.dateTime(message.nextAttemptAt)]);
  if (message.lastError) facts.push([t('detail.lastError'), <code key="error" className="break-all text-xs">{message.lastError}</code>]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('detail.title', { id: message.id })}>
        <Link href="/admin/outbox" className="text-sm text-brand-700 underline">
          {t('detail.back')}
        </Link>
      </PageHeading>
      {state === 'notSent' ? (
        <p role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm font-semibold text-amber-950">
          {t('notConfigured')}
        </p>
      ) : null}
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:grid-cols-2">
        <div className="sm:col-span-2">
          <dt className={term}>{t('detail.subject')}</dt>
          <dd className="mt-1 font-medium text-stone-900">{rendered?.subject ?? message.template}</dd>
        </div>
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt className={term}>{label}</dt>
            <dd className="mt-1 text-sm text-stone-800">{value}</dd>
          </div>
        ))}
      </dl>
      {rendered ? (
        <>
          <section aria-labelledby="outbox-text" className="flex flex-col gap-2">
            <h2 id="outbox-text" className="text-lg font-semibold text-stone-900">
              {t('detail.text')}
            </h2>
            <pre tabIndex={0} className="overflow-x-auto whitespace-pre-wrap break-words rounded-lg border border-stone-200 bg-white p-4 text-sm text-stone-800">
              {rendered.text}
            </pre>
          </section>
          <section aria-labelledby="outbox-html" className="flex flex-col gap-2">
            <h2 id="outbox-html" className="text-lg font-semibold text-stone-900">
              {t('detail.html')}
            </h2>
            <iframe
              title={t('detail.htmlFrame')}
              sandbox=""
              srcDoc={rendered.html}
              className="h-[36rem] w-full rounded-lg border border-stone-200 bg-white"
            />
          </section>
        </>
      ) : (
        <p className="text-sm text-stone-700">{t('detail.unknownTemplate', { template: message.template })}</p>
      )}
    </div>
  );
}
