import { expect, signIn, test } from '../fixtures';

const adminPages = [
  '/admin',
  '/admin/top-ups',
  '/admin/customers',
  '/admin/customers/1',
  '/admin/orders',
  '/admin/orders/1',
  '/admin/refunds',
  '/admin/invoices',
  '/admin/invoices/new',
  '/admin/settings',
  '/admin/audit',
];

test('a customer cannot open any backend page (403)', async ({ page, shopper }) => {
  await signIn(page, shopper);
  for (const path of adminPages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: /don.t have access/ })).toBeVisible();
  }
});

test('a visitor opening the backend is sent to sign in', async ({ page }) => {
  await page.goto('/admin/customers');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fcustomers/);
});

test('staff see the dashboard with liability matching the ledger, and every backend page', async ({ page, staff }) => {
  await signIn(page, staff);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('ledger-check-USD')).toContainText('Matches the ledger');
  await expect(page.getByRole('heading', { name: /Wallet liability over time/ })).toBeVisible();
  await expect(page.locator('.recharts-surface')).toBeVisible();
  for (const [label, heading] of [
    ['Pending Top-ups', 'Pending Top-ups'],
    ['Customers', 'Customers'],
    ['Orders', 'Orders'],
    ['Refunds', 'Refunds'],
    ['Invoices', 'Invoices'],
    ['Audit Log', 'Audit Log'],
    ['Settings', 'Settings'],
  ] as const) {
    await page.getByRole('navigation', { name: 'Backend' }).getByRole('link', { name: label }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  await expect(page.getByLabel('Automatic Invoice')).toBeVisible();
  await expect(page.getByTestId('shop-currency')).toContainText('SHOP_CURRENCY');
});
