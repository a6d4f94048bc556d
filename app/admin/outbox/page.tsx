import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeading } from '@/components/ui/page-heading';
import { Pagination } from '@/components/ui/pagination';
import { getDatabase } from '@/db';
import { getOutboxView } from '@/lib/notifications/outbox-view';
import { isMailConfigured } from '@/lib/notifications/transport';
import { requireStaff } from '../../_server/session';
import { pageNumber } from '../search-params';
import { OutboxTable } from './outbox-table';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mail.outbox');
  return { title: t('title') };
}

/** Staff read every e-mail the shop wrote; without SMTP_URL this is the shop's only mailbox. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireStaff('/admin/outbox');
  const configured = isMailConfigured();
  const [outbox, t] = await Promise.all([getOutboxView(getDatabase().read, pageNumber((await searchParams).page), configured), getTranslations('mail.outbox')]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeading title={t('title')} />
      <p className="max-w-2xl text-sm text-stone-600">{t('intro')}</p>
      {configured ? null : (
        <div role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p className="font-semibold">{t('notConfigured')}</p>
          <p className="mt-1">{t('notConfiguredHelp')}</p>
        </div>
      )}
      <OutboxTable rows={outbox.rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }))} />
      <Pagination page={outbox.page} totalPages={outbox.totalPages} hrefFor={(page) => `/admin/outbox?page=${page}`} />
    </div>
  );
}
