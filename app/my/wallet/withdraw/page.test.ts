import crypto from 'node:crypto';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { describe, expect, it, vi } from 'vitest';
import { loadMessages } from '@/app/_i18n/messages';
import { getDatabase } from '@/db';
import { updateSettings } from '@/lib/settings';
import { rejectWithdrawal } from '@/lib/withdrawals/decide';
import { requestWithdrawal } from '@/lib/withdrawals/request';
import { fundTestWallet } from '@/test/helpers/checkout';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';

vi.mock('@/app/_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));

const { default: WithdrawPage } = await import('./page');
const { PendingWithdrawals } = await import('./pending-withdrawals');

const db = getDatabase();
const shopper = await insertTestUser(db);
const staff = await insertTestUser(db, 'staff');
await fundTestWallet(db, shopper.id, 10_000);
const setEnabled = (withdrawalsEnabled: boolean) => db.write((tx) => updateSettings(tx, { withdrawalsEnabled }));
const reference = (id: number) => `WD${String(id).padStart(6, '0')}`;

async function html(page: Promise<ReactElement>): Promise<string> {
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: 'en', messages: await loadMessages('en'), timeZone: 'UTC', children: await page }));
}

async function withdraw(amount: number) {
  const { withdrawal } = await requestWithdrawal(db, {
    userId: shopper.id,
    amount,
    currency: 'USD',
    iban: 'TR33 0006 1005 1978 6457 8413 26',
    accountHolder: 'Ada Lovelace',
    description: null,
    source: 'shop',
    idempotencyKey: crypto.randomUUID(),
    requestedBy: shopper.id,
  });
  return withdrawal;
}

describe('My Wallet → Withdraw', () => {
  it('offers the form only while Settings allow withdrawals; the list with Cancel either way', async () => {
    fakeRequest.viewer = { ...shopper, role: 'customer' };
    await setEnabled(true);
    const waiting = await withdraw(2_500);
    const rejected = await withdraw(1_000);
    await rejectWithdrawal(db, { withdrawalId: rejected.id, staffId: staff.id, reason: 'Closed account' });

    const page = await html(WithdrawPage());
    for (const words of ['>Amount<', '>IBAN<', '>Account holder<', '>Request Withdrawal<', 'Available to withdraw: $75.00']) expect(page).toContain(words);
    expect(page).toContain(`withdrawal-${reference(waiting.id)}`);
    expect(page).toContain('TR33 0006 1005 1978 6457 8413 26');
    expect(page).toContain('Rejected: Closed account');
    // Cancel on the waiting one only (its trigger; the dialog names the amount).
    expect(page.match(/>Cancel</g)).toHaveLength(1);
    expect(page).toContain(`Cancel ${reference(waiting.id)} of $25.00?`);

    await setEnabled(false);
    const off = await html(WithdrawPage());
    expect(off).toContain('This shop does not pay out wallet money to bank accounts.');
    expect(off).not.toContain('>Request Withdrawal<');
    expect(off.match(/>Cancel</g)).toHaveLength(1);
  });

  it('gives My Wallet the waiting withdrawals with Cancel, and nothing when none waits', async () => {
    const other = await insertTestUser(db);
    expect(await PendingWithdrawals({ userId: other.id })).toBeNull();
    const pending = await html(PendingWithdrawals({ userId: shopper.id }) as Promise<ReactElement>);
    expect(pending).toContain('Withdrawals waiting for payout');
    expect(pending.match(/>Cancel</g)).toHaveLength(1);
    expect(pending).not.toContain('Closed account');
  });

  it('sends a visitor to sign in', async () => {
    fakeRequest.viewer = null;
    await expect(WithdrawPage()).rejects.toThrow('NEXT_REDIRECT;/sign-in');
  });
});
