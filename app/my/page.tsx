import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeading } from '@/components/ui/page-heading';
import { requireViewer } from '../_server/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('wallet.account');
  return { title: t('title') };
}

const sections = [
  { href: '/my/wallet', key: 'wallet' },
  { href: '/my/orders', key: 'orders' },
  { href: '/my/invoices', key: 'invoices' },
] as const;

export default async function MyAccountPage() {
  const viewer = await requireViewer('/my');
  const [t, profile] = await Promise.all([getTranslations('wallet.account'), getTranslations('account.portal')]);
  const cards = [
    ...sections.map((section) => ({ href: section.href, title: t(`${section.key}.title`), text: t(`${section.key}.text`) })),
    { href: '/my/account', title: profile('title'), text: profile('text') },
  ];
  return (
    <div>
      <PageHeading title={t('title')} />
      <p className="mb-6 text-stone-600">{t('signedInAs', { name: viewer.name, email: viewer.email })}</p>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {cards.map((card) => (
          <li key={card.href}>
            <Link
              href={card.href}
              className="block rounded-lg border border-stone-200 bg-white p-5 shadow-sm hover:border-brand-600"
            >
              <span className="text-lg font-medium">{card.title}</span>
              <span className="mt-1 block text-sm text-stone-600">{card.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
