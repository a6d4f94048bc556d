import crypto from 'node:crypto';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadMessages } from '@/app/_i18n/messages';
import { getDatabase } from '@/db';
import { updateSettings } from '@/lib/settings';
import { payOutWithdrawal, rejectWithdrawal } from '@/lib/withdrawals/decide';
import { requestWithdrawal } from '@/lib/withdrawals/request';
import { fundTestWallet } from '@/test/helpers/checkout';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';

// requireStaff refuses a shopper as the real one does (403).
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
vi.mock('next/navigation', async () => ({ ...(await import('@/test/helpers/fake-next')).navigation, usePathname: () => '/admin/payouts' }));

const { default: PayoutsPage } = await import('./page');

const db = getDatabase();
const staff = await insertTestUser(db, 'staff');
const customer = await insertTestUser(db);
await fundTestWallet(db, customer.id, 100_000);
await db.write((tx) => updateSettings(tx, { withdrawalsEnabled: true }));

async function withdraw(amount: number, iban: string | null) {
  const { withdrawal } = await requestWithdrawal(db, {
    userId: customer.id,
    amount,
    currency: 'USD',
    iban,
    accountHolder: iban ? 'Ada Lovelace' : null,
    description: null,
    source: iban ? 'shop' : 'api',
    idempotencyKey: crypto.randomUUID(),
    requestedBy: iban ? customer.id : staff.id,
  });
  return withdrawal;
}

const reference = (id: number) => `WD${String(id).padStart(6, '0')}`;

async function html(page: Promise<ReactElement>): Promise<string> {
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: 'en', messages: await loadMessages('en'), timeZone: 'UTC', children: await page }));
}

describe('the Payouts page', () => {
  beforeEach(() => {
    fakeRequest.viewer = null;
  });

  it('refuses a shopper (403) and sends a visitor to sign in', async () => {
    fakeRequest.viewer = { ...customer, role: 'customer' };
    await expect(PayoutsPage({ searchParams: Promise.resolve({}) })).rejects.toThrow('403');
    fakeRequest.viewer = null;
    await expect(PayoutsPage({ searchParams: Promise.resolve({}) })).rejects.toThrow('NEXT_REDIRECT;/sign-in');
  });

  it('shows staff the waiting withdrawals first with their bank account and actions, then the decided ones', async () => {
    fakeRequest.viewer = { ...staff, role: 'staff' };
    const paid = await withdraw(1_000, 'GB82WEST12345698765432');
    const waiting = await withdraw(2_550, 'TR330006100519786457841326');
    const viaApi = await withdraw(700, null);
    const rejected = await withdraw(300, 'GB82WEST12345698765432');
    await payOutWithdrawal(db, { withdrawalId: paid.id, staffId: staff.id });
    await rejectWithdrawal(db, { withdrawalId: rejected.id, staffId: staff.id, reason: 'Closed account' });

    const page = await html(PayoutsPage({ searchParams: Promise.resolve({}) }));
    expect(page).toContain('2 withdrawals wait to be paid out: $32.50.');
    const order = [waiting, viaApi, rejected, paid].map((each) => page.indexOf(`payout-${reference(each.id)}`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(page).toContain('TR33 0006 1005 1978 6457 8413 26');
    expect(page).toContain('No bank account given (asked through the API)');
    expect(page).toContain('$25.50');
    expect(page).toContain('Reason: Closed account');
    expect(page).toContain(`By ${staff.name}`);
    // Actions only on the waiting rows: each Mark as paid out is a trigger and its dialog's confirm button.
    expect(page.match(/>Mark as paid out</g)).toHaveLength(4);
    expect(page.match(/>Mark as paid out\?</g)).toHaveLength(2);
    expect(page.match(/aria-controls="reject-/g)).toHaveLength(2);
    expect(page).toContain('Waiting for payout');
    expect(page).toContain('Paid out');
    expect(page).toContain('Rejected');
  });
});
