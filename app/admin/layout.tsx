import { getTranslations } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { requireStaff } from '../_server/session';

const sections = [
  { href: '/admin', key: 'dashboard' },
  { href: '/admin/top-ups', key: 'topUps' },
  { href: '/admin/customers', key: 'customers' },
  { href: '/admin/orders', key: 'orders' },
  { href: '/admin/refunds', key: 'refunds' },
  { href: '/admin/invoices', key: 'invoices' },
  { href: '/admin/settings', key: 'settings' },
  { href: '/admin/audit', key: 'audit' },
] as const;

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireStaff();
  const t = await getTranslations('admin.nav');
  return (
    <div className="grid gap-4 md:grid-cols-[12rem_1fr] md:gap-8">
      <AdminNav label={t('label')} sections={sections.map(({ href, key }) => ({ href, label: t(key) }))} />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
