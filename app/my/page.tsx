import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/ui/page-heading';
import { requireViewer } from '../_server/session';

export const metadata: Metadata = { title: 'My Account' };

const sections = [
  { href: '/my/wallet', title: 'Wallet', text: 'Your balance, top-ups and wallet history.' },
  { href: '/my/orders', title: 'Orders', text: 'What you bought and how it was paid.' },
  { href: '/my/invoices', title: 'Invoices', text: 'Invoices to pay and those already paid.' },
];

export default async function MyAccountPage() {
  const viewer = await requireViewer('/my');
  return (
    <div>
      <PageHeading title="My Account" />
      <p className="mb-6 text-stone-600">
        Signed in as {viewer.name} ({viewer.email}).
      </p>
      <ul className="grid gap-4 sm:grid-cols-3">
        {sections.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              className="block rounded-lg border border-stone-200 bg-white p-5 shadow-sm hover:border-brand-600"
            >
              <span className="text-lg font-medium">{section.title}</span>
              <span className="mt-1 block text-sm text-stone-600">{section.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
