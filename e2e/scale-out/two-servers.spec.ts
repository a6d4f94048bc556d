// Two app servers on one PostgreSQL database (scripts/e2e.mjs starts them): a shopper signs in on
// one, pays on the other, and both show the same balance. Cookies are per host, not per port, so
// one browser session reaches both servers, as behind a load balancer.
import { expect, test, type Page } from '@playwright/test';
import { createTestUser } from '../fixtures';

const serverA = process.env.E2E_SERVER_A ?? '';
const serverB = process.env.E2E_SERVER_B ?? '';

async function availableOn(page: Page, server: string): Promise<string> {
  await page.goto(`${server}/my/wallet`);
  await expect(page.getByRole('heading', { name: 'My Wallet' })).toBeVisible();
  return (await page.getByTestId('wallet-available').textContent()) ?? '';
}

test('sign in on one server, add money on the other, see the balance on both', async ({ page }) => {
  expect(serverA).not.toBe('');
  expect(serverB).not.toBe(serverA);
  const shopper = await createTestUser('customer');

  await page.goto(`${serverA}/sign-in`);
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill(shopper.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(shopper.name);

  await page.goto(`${serverB}/my/wallet/add`);
  await expect(page.getByRole('heading', { name: 'Add Money' })).toBeVisible();
  await page.getByLabel('Amount').fill('42.50');
  await page.getByRole('radio', { name: /^Card/ }).check();
  await page.getByRole('button', { name: 'Proceed to Add Money' }).click();
  await page.getByLabel('Name on card').fill('Sam Shopper');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM/YY)').fill('12/30');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('heading', { name: 'Money added to your wallet' })).toBeVisible();

  expect(await availableOn(page, serverA)).toBe('$42.50');
  expect(await availableOn(page, serverB)).toBe('$42.50');
});

test('both servers answer ready on PostgreSQL', async ({ request }) => {
  for (const server of [serverA, serverB]) {
    const health = await request.get(`${server}/api/health`);
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, engine: 'postgres', migrations: 'current' });
  }
});
