'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';

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

/** Payouts (members' withdrawals) right after Pending Top-ups (or last), unless the layout lists it. */
function withPayouts(sections: readonly AdminSection[], payouts: AdminSection): AdminSection[] {
  if (sections.some((section) => section.href === payouts.href)) return [...sections];
  const topUps = sections.findIndex((section) => section.href === '/admin/top-ups');
  const at = topUps === -1 ? sections.length : topUps + 1;
  return [...sections.slice(0, at), payouts, ...sections.slice(at)];
}

/**
 * The backend's side navigation; the current section is marked for sight and screen readers.
 * Below 768 px it folds behind a "Menu" button (aria-expanded) and folds again once a section is chosen.
 */
export function AdminNav({ label, sections }: { label: string; sections: readonly AdminSection[] }) {
  const pathname = usePathname();
  const t = useTranslations('nav.admin');
  const tMail = useTranslations('mail.outbox');
  const tStaff = useTranslations('account.staff');
  const tPayouts = useTranslations('payouts');
  const listId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState<{ at: string } | null>(null);
  // Open only on the page it was opened on: following a link folds it again.
  const expanded = open?.at === pathname;
  const catalog = withCatalog(sections, [
    { href: '/admin/products', label: t('products') },
    { href: '/admin/categories', label: t('categories') },
  ]);
  // The Outbox (the shop's e-mails) comes last unless the layout lists it.
  const withOutbox = catalog.some((section) => section.href === '/admin/outbox') ? catalog : [...catalog, { href: '/admin/outbox', label: tMail('nav') }];
  const all = withPayouts(withStaff(withOutbox, { href: '/admin/staff', label: tStaff('nav') }), { href: '/admin/payouts', label: tPayouts('nav') });
  return (
    <nav
      aria-label={label}
      className="flex flex-col gap-1 text-sm"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !expanded) return;
        setOpen(null);
        buttonRef.current?.focus();
      }}
    >
      <p className="mb-2 hidden text-xs font-semibold uppercase tracking-wide text-stone-600 md:block">{label}</p>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={expanded}
        aria-controls={listId}
        onClick={() => setOpen(expanded ? null : { at: pathname })}
        className="inline-flex min-h-11 items-center gap-2 self-start rounded-md border border-stone-300 bg-white px-4 font-medium text-stone-800 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 md:hidden"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.75}>
          {expanded ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 6h14M3 10h14M3 14h14" />}
        </svg>
        {t('menu')}
      </button>
      <div id={listId} className={`${expanded ? 'flex' : 'hidden'} flex-col gap-1 md:flex`}>
        {all.map((section) => {
          const current = section.href === '/admin' ? pathname === '/admin' : pathname.startsWith(section.href);
          return (
            <Link
              key={section.href}
              href={section.href}
              aria-current={current ? 'page' : undefined}
              className={`flex min-h-11 items-center rounded-md px-3 ${current ? 'bg-brand-50 font-medium text-brand-900' : 'text-stone-700 hover:bg-stone-100'}`}
            >
              {section.label}
            </Link>
          );
        })}
      </div>
    </nav>
  );
}
