import crypto from 'node:crypto';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { loadMessages } from '@/app/_i18n/messages';
import { enqueueMail } from '@/lib/notifications/outbox';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';

// Who is asking is decided per test; requireStaff refuses a shopper as the real one does (403).
vi.mock('../../_server/session', () =>
  import('@/test/helpers/fake-next').then((fake) => ({
    ...fake.session,
    requireStaff: async () => {
      const viewer = await fake.session.requireViewer();
      if (viewer.role !== 'staff') fake.navigation.forbidden();
      return viewer;
    },
  })),
);
vi.mock('next/navigation', async () => ({ ...(await import('@/test/helpers/fake-next')).navigation, usePathname: () => '/admin/outbox' }));

const { default: OutboxPage } = await import('./page');
const { default: OutboxMessagePage } = await import('./[id]/page');

const db = getDatabase();
const customer = await insertTestUser(db);
const staff = await insertTestUser(db, 'staff');
const shopper = await insertTestUser(db);
const message = await db.write((tx) =>
  enqueueMail(tx, {
    dedupeKey: `outbox-page:${crypto.randomUUID()}`,
    to: { address: shopper.email, userId: shopper.id, locale: 'tr' },
    template: 'wireRejected',
    params: { amount: 4000, currency: 'USD', reference: 'P0042', reason: '<script>alert(1)</script>' },
  }),
);
if (!message) throw new Error('The test message was not written.');

async function html(page: Promise<ReactElement>): Promise<string> {
  const element = await page;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: 'en', messages: await loadMessages('en'), timeZone: 'UTC', children: element }));
}

describe('the Outbox pages', () => {
  beforeEach(() => {
    fakeRequest.viewer = null;
  });

  it('refuse a shopper (403) and send a visitor to sign in, before reading anything', async () => {
    fakeRequest.viewer = { ...customer, role: 'customer' };
    await expect(OutboxPage({ searchParams: Promise.resolve({}) })).rejects.toThrow('403');
    await expect(OutboxMessagePage({ params: Promise.resolve({ id: String(message.id) }) })).rejects.toThrow('403');
    fakeRequest.viewer = null;
    await expect(OutboxPage({ searchParams: Promise.resolve({}) })).rejects.toThrow('NEXT_REDIRECT;/sign-in');
  });

  it('show staff the messages, marked not sent while no mail server is configured', async () => {
    fakeRequest.viewer = { ...staff, role: 'staff' };
    const list = await html(OutboxPage({ searchParams: Promise.resolve({}) }));
    expect(list).toContain('Not sent: no mail server configured');
    expect(list).toContain(shopper.email);
    // The subject in the recipient's language, linking to the message.
    expect(list).toContain(`href="/admin/outbox/${message.id}"`);
    expect(list).toContain('P0042 referanslı havale yüklemeniz reddedildi');
  });

  it('show one message: its text, and its HTML in a sandboxed frame with the params escaped', async () => {
    fakeRequest.viewer = { ...staff, role: 'staff' };
    const detail = await html(OutboxMessagePage({ params: Promise.resolve({ id: String(message.id) }) }));
    expect(detail).toContain('Neden: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(detail).toMatch(/<iframe[^>]*sandbox=""/);
    expect(detail).not.toContain('<script>alert(1)');
    await expect(OutboxMessagePage({ params: Promise.resolve({ id: '999999999' }) })).rejects.toThrow('404');
    await expect(OutboxMessagePage({ params: Promise.resolve({ id: 'abc' }) })).rejects.toThrow('404');
  });
});
