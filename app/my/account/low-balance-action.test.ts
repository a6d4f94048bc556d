import { describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { getLowBalanceThreshold } from '@/lib/notifications/low-balance';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';

// The low-balance form as a browser calls it; the shopper is whoever the test says.
vi.mock('@/app/_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const { saveLowBalanceAction } = await import('./low-balance-action');

const db = getDatabase();
const idle = { status: 'idle' } as const;
const form = (threshold: string) => {
  const data = new FormData();
  data.set('threshold', threshold);
  return data;
};

describe('My Account > Low-balance alert', () => {
  it('saves the threshold typed as the shopper types amounts, and empty turns it off', async () => {
    const shopper = await insertTestUser(db);
    fakeRequest.viewer = { ...shopper, role: 'customer' };
    expect(await saveLowBalanceAction(idle, form('50.00'))).toEqual({ status: 'success', message: 'Saved: we e-mail you when your balance falls below $50.00.' });
    expect(await getLowBalanceThreshold(db.read, shopper.id)).toBe(5000);
    expect(await saveLowBalanceAction(idle, form(' 1,250.5 '))).toMatchObject({ status: 'success' });
    expect(await getLowBalanceThreshold(db.read, shopper.id)).toBe(125_050);
    expect(await saveLowBalanceAction(idle, form(''))).toEqual({ status: 'success', message: 'Saved: the low-balance alert is off.' });
    expect(await getLowBalanceThreshold(db.read, shopper.id)).toBeNull();
  });

  it.each([
    ['abc', 'Enter an amount such as 25.00.'],
    ['0', 'Enter an amount greater than zero.'],
    ['-5', 'The amount cannot be negative.'],
    ['10.001', 'USD amounts have at most 2 decimals.'],
  ])('refuses %s beside the field and keeps the threshold', async (typed, words) => {
    const shopper = await insertTestUser(db);
    fakeRequest.viewer = { ...shopper, role: 'customer' };
    await saveLowBalanceAction(idle, form('20'));
    expect(await saveLowBalanceAction(idle, form(typed))).toMatchObject({ status: 'error', fieldErrors: { threshold: [words] }, values: { threshold: typed } });
    expect(await getLowBalanceThreshold(db.read, shopper.id)).toBe(2000);
  });

  it('changes only the signed-in shopper, and nobody without a session', async () => {
    const shopper = await insertTestUser(db);
    const other = await insertTestUser(db);
    fakeRequest.viewer = { ...shopper, role: 'customer' };
    const data = form('30');
    data.set('userId', String(other.id));
    await saveLowBalanceAction(idle, data);
    expect(await getLowBalanceThreshold(db.read, other.id)).toBeNull();
    fakeRequest.viewer = null;
    expect(await saveLowBalanceAction(idle, form('40'))).toMatchObject({ status: 'error', code: 'SESSION_ENDED' });
    expect(await getLowBalanceThreshold(db.read, shopper.id)).toBe(3000);
  });
});
