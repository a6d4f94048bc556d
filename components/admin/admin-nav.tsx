'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';

export type AdminSection = { href: string; label: string };

/** The catalog's sections, placed after Orders (or last) unless the layout already lists them. */
function withCatalog(sections: readonly AdminSection[], catalog: readonly AdminSection[]): AdminSection[] {
  const missing = catalog.filter((entry) => !sections.some((section) => section.href === entry.href));
  const orders = sections.findIndex((section) => section.href === '/admin/orders');
  const at = orders === -1 ? sections.length : orders + 1;
  return [...sections.slice(0, at), ...missing, ...sections.slice(at)];
}

/** Staff (who has staff access, invitations) before Settings (or last), unless the layout lists it. */
function withStaff(sections: readonly AdminSection[], staff: AdminSection): AdminSection[] {
  if (sections.some((section) => section.href === staff.href)) return [...sections];
  const settings = sections.findIndex((section) => section.href === '/admin/settings');
  const at = settings === -1 ? sections.length : settings;
  return [...sections.slice(0, at), staff, ...sections.slice(at)];
}

/** The backend's side navigation; the current section is marked for sight and screen readers. */
export function AdminNav({ label, sections }: { label: string; sections: readonly AdminSection[] }) {
  const pathname = usePathname();
  const t = useTranslations('nav.admin');
  const tMail = useTranslations('mail.outbox');
  const tStaff = useTranslations('account.staff');
  const catalog = withCatalog(sections, [
    { href: '/admin/products', label: t('products') },
    { href: '/admin/categories', label: t('categories') },
  ]);
  // The Outbox (the shop's e-mails) comes last unless the layout lists it.
  const withOutbox = catalog.some((section) => section.href === '/admin/outbox') ? catalog : [...catalog, { href: '/admin/outbox', label: tMail('nav') }];
  const all = withStaff(withOutbox, { href: '/admin/staff', label: tStaff('nav') });
  return (
    <nav aria-label={label} className="flex flex-col gap-1 text-sm">
      <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-stone-500">{label}</p>
      {all.map((section) => {
        const current = section.href === '/admin' ? pathname === '/admin' : pathname.startsWith(section.href);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={current ? 'page' : undefined}
            className={`rounded-md px-3 py-2 ${current ? 'bg-brand-50 font-medium text-brand-900' : 'text-stone-700 hover:bg-stone-100'}`}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
