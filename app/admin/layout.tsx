import { AdminNav } from '@/components/admin/admin-nav';
import { requireStaff } from '../_server/session';

const sections = [
  { href: '/admin', label: 'Dashboard' },
  { href: '/admin/top-ups', label: 'Pending Top-ups' },
  { href: '/admin/customers', label: 'Customers' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/refunds', label: 'Refunds' },
  { href: '/admin/invoices', label: 'Invoices' },
  { href: '/admin/settings', label: 'Settings' },
  { href: '/admin/audit', label: 'Audit Log' },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireStaff();
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_1fr]">
      <AdminNav sections={sections} />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
