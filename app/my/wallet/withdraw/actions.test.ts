import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { withdrawals } from '@/db/schema';
import { getBalance } from '@/lib/ledger';
import { updateSettings } from '@/lib/settings';
import { fundTestWallet } from '@/test/helpers/checkout';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';

// My Wallet → Withdraw as a browser calls it; who is asking is decided per test.
vi.mock('@/app/_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const { requestWithdrawalAction, cancelWithdrawalAction } = await import('./actions');

const db = getDatabase();
const idle = { status: 'idle' } as const;
const reference = (id: number) => `WD${String(id).padStart(6, '0')}`;

function form(fields: Record<string, string | number | undefined>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) data.set(key, String(value));
  return data;
}

const ask = (more: Record<string, string | undefined> = {}) =>
  form({ amount: '25.00', iban: 'GB82 WEST 1234 5698 7654 32', accountHolder: 'Ada Lovelace', attemptKey: crypto.randomUUID(), ...more });

const shopperA = await insertTestUser(db);
const shopperB = await insertTestUser(db);
const staff = await insertTestUser(db, 'staff');
await fundTestWallet(db, shopperA.id, 10_000);

const as = (user: { id: number; name: string; email: string } | null, role: 'customer' | 'staff' = 'customer') => {
  fakeRequest.viewer = user ? { ...user, role } : null;
};
const balanceOf = (userId: number) => getBalance(db.read, { wallet: userId, currency: 'USD' });
const withdrawalsOf = (userId: number) => db.read.select().from(withdrawals).where(eq(withdrawals.userId, userId));

const setEnabled = (withdrawalsEnabled: boolean) => db.write((tx) => updateSettings(tx, { withdrawalsEnabled }));

describe('requesting a withdrawal from My Wallet', () => {
  beforeEach(() => setEnabled(true));

  it('holds the amount from the member’s own wallet, once per form attempt', async () => {
    as(shopperA);
    const data = ask({ amount: '25.50' });
    const first = await requestWithdrawalAction(idle, data);
    const [made] = await withdrawalsOf(shopperA.id);
    if (!made) throw new Error('no withdrawal');
    expect(first).toEqual({ status: 'success', message: `Withdrawal ${reference(made.id)} of $25.50 requested: the amount is held until the shop pays it out.` });
    expect(made).toMatchObject({ amount: 2_550, iban: 'GB82WEST12345698765432', accountHolder: 'Ada Lovelace', source: 'shop', state: 'pending' });
    // The same form sent again (a double click): nothing more is held.
    expect(await requestWithdrawalAction(idle, data)).toMatchObject({ status: 'success' });
    expect(await withdrawalsOf(shopperA.id)).toHaveLength(1);
    expect(await balanceOf(shopperA.id)).toMatchObject({ held: 2_550, available: 7_450 });
  });

  it.each([
    { what: 'an IBAN with a typo', fields: { iban: 'GB82 WEST 1234 5698 7654 23' }, errors: { iban: ['This IBAN has a typo: compare it with your bank statement.'] } },
    { what: 'an IBAN a digit short', fields: { iban: 'TR33 0006 1005 1978 6457 8413 2' }, errors: { iban: ['An IBAN from TR has 26 characters: check for a missing or extra one.'] } },
    { what: 'no IBAN', fields: { iban: '' }, errors: { iban: [expect.any(String)] } },
    { what: 'an amount with too many decimals', fields: { amount: '1.001' }, errors: { amount: ['USD amounts have at most 2 decimals.'] } },
    { what: 'no account holder', fields: { accountHolder: ' ' }, errors: { accountHolder: [expect.any(String)] } },
    { what: 'an amount and an IBAN both wrong', fields: { amount: 'abc', iban: 'XX00' }, errors: { amount: [expect.any(String)], iban: [expect.any(String)] } },
    { what: 'more than the wallet has available', fields: { amount: '1000.00' }, errors: { amount: [expect.stringMatching(/^Your wallet has \$\d+\.\d\d available/)] } },
  ])('refuses $what beside the field and holds nothing', async ({ fields, errors }) => {
    as(shopperA);
    const before = await balanceOf(shopperA.id);
    const answer = await requestWithdrawalAction(idle, ask(fields));
    expect(answer).toMatchObject({ status: 'error', fieldErrors: errors });
    expect(await balanceOf(shopperA.id)).toEqual(before);
  });

  it('is refused while Settings do not allow withdrawals', async () => {
    await setEnabled(false);
    as(shopperA);
    const before = await withdrawalsOf(shopperA.id);
    expect(await requestWithdrawalAction(idle, ask())).toMatchObject({ status: 'error', code: 'WITHDRAWALS_DISABLED', message: 'This shop does not pay out wallet money to bank accounts.' });
    expect(await withdrawalsOf(shopperA.id)).toEqual(before);
  });

  it('asks a visitor to sign in again; staff have no wallet to withdraw from', async () => {
    as(null);
    expect(await requestWithdrawalAction(idle, ask())).toMatchObject({ status: 'error', code: 'SESSION_ENDED' });
    as(staff, 'staff');
    expect(await requestWithdrawalAction(idle, ask())).toMatchObject({ status: 'error', code: 'WITHDRAWAL_MEMBER_NOT_FOUND' });
    expect(await withdrawalsOf(staff.id)).toEqual([]);
  });
});

describe('cancelling a withdrawal from My Wallet', () => {
  beforeEach(() => setEnabled(true));

  it('lets the member cancel their own once; another member, staff and a visitor reach nothing', async () => {
    as(shopperA);
    await requestWithdrawalAction(idle, ask({ amount: '10.00' }));
    const [latest] = (await withdrawalsOf(shopperA.id)).sort((x, y) => y.id - x.id);
    if (!latest) throw new Error('no withdrawal');
    const before = await balanceOf(shopperA.id);

    as(null);
    expect(await cancelWithdrawalAction(idle, form({ withdrawalId: latest.id }))).toMatchObject({ status: 'error', code: 'SESSION_ENDED' });
    as(shopperB);
    expect(await cancelWithdrawalAction(idle, form({ withdrawalId: latest.id }))).toEqual({ status: 'error', message: 'This withdrawal does not exist.' });
    as(staff, 'staff');
    expect(await cancelWithdrawalAction(idle, form({ withdrawalId: latest.id }))).toEqual({ status: 'error', message: 'This withdrawal does not exist.' });
    expect(await balanceOf(shopperA.id)).toEqual(before);

    as(shopperA);
    expect(await cancelWithdrawalAction(idle, form({ withdrawalId: latest.id }))).toEqual({ status: 'success', message: `${reference(latest.id)} was cancelled: the amount is available in your wallet again.` });
    expect((await balanceOf(shopperA.id)).available).toBe(before.available + 1_000);
    expect(await cancelWithdrawalAction(idle, form({ withdrawalId: latest.id }))).toEqual({ status: 'error', message: `${reference(latest.id)} was cancelled already.` });
    expect((await balanceOf(shopperA.id)).available).toBe(before.available + 1_000);
  });
});
