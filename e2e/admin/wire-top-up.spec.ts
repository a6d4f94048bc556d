import crypto from 'node:crypto';
import { getDatabase } from '@/db';
import { startTopUp } from '@/lib/wallet/top-ups';
import { expect, signIn, test } from '../fixtures';

test('a wire top-up appears under Pending Top-ups, staff confirm it once, and the shopper sees the money', async ({
  page,
  browser,
  shopper,
  staff,
}) => {
  await signIn(page, shopper);
  await page.getByRole('link', { name: 'Wallet' }).click();
  await expect(page.getByRole('heading', { name: 'My Wallet' })).toBeVisible();
  await page.getByRole('button', { name: 'Add Money' }).click();
  await expect(page.getByRole('heading', { name: 'Add Money' })).toBeVisible();
  await page.getByLabel('Amount').fill('507.50');
  await page.getByRole('radio', { name: /^Wire Transfer/ }).check();
  await page.getByRole('button', { name: 'Proceed to Add Money' }).click();
  const reference = (await page.getByTestId('wire-reference').textContent())?.trim() ?? '';
  expect(reference).toMatch(/^[A-Z0-9]{6,}$/);

  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staff);
  await staffPage.goto('/admin');
  await staffPage.getByRole('navigation', { name: 'Backend' }).getByRole('link', { name: 'Pending Top-ups' }).click();
  await expect(staffPage.getByRole('heading', { name: 'Pending Top-ups' })).toBeVisible();
  await staffPage.getByLabel('Search by reference or customer').fill(reference);
  await staffPage.getByRole('button', { name: 'Search' }).click();
  const row = staffPage.getByRole('row', { name: new RegExp(reference) });
  await expect(row).toContainText(shopper.name);
  await expect(row).toContainText('$507.50');

  // A second staff tab opened on the same list, as when two people work the queue.
  const secondTab = await staffContext.newPage();
  await secondTab.goto(`/admin/top-ups?q=${reference}`);
  await expect(secondTab.getByRole('row', { name: new RegExp(reference) })).toBeVisible();

  await row.getByRole('button', { name: 'Confirm', exact: true }).click();
  const confirmDialog = staffPage.getByRole('dialog', { name: 'Confirm top-up?' });
  await expect(confirmDialog).toContainText(`Credit $507.50 to the wallet of ${shopper.name} for the wire transfer ${reference}?`);
  await confirmDialog.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(staffPage.getByRole('status').filter({ hasText: `Confirmed ${reference}.` })).toBeVisible();
  await expect(staffPage.getByRole('row', { name: new RegExp(reference) })).toHaveCount(0);

  await secondTab.getByRole('row', { name: new RegExp(reference) }).getByRole('button', { name: 'Confirm', exact: true }).click();
  await secondTab.getByRole('dialog', { name: 'Confirm top-up?' }).getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(secondTab.getByRole('status').filter({ hasText: `${reference} was already confirmed.` })).toBeVisible();

  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$507.50');
  await expect(page.getByTestId('wallet-pending')).toHaveText('$0.00');
  await staffContext.close();
});

test('staff select several top-ups and confirm them together, or reject one with a reason', async ({ page, browser, shopper, staff }) => {
  const wire = async (amount: string) => {
    const started = await startTopUp(getDatabase(), shopper, { amount, method: 'wire_transfer', attemptKey: crypto.randomUUID() });
    if (started.status !== 'pending') throw new Error('expected a pending wire top-up');
    return started.payment.reference;
  };
  const [first, second, third] = [await wire('10.00'), await wire('20.00'), await wire('30.00')];

  await signIn(page, staff);
  await page.goto(`/admin/top-ups?q=${encodeURIComponent(shopper.email)}`);
  await expect(page.getByRole('row')).toHaveCount(4);
  await page.getByLabel(`Select ${first}`).check();
  await page.getByLabel(`Select ${second}`).check();
  await page.getByRole('button', { name: 'Confirm selected (2)' }).click();
  const bulkDialog = page.getByRole('dialog', { name: 'Confirm 2 top-ups?' });
  await expect(bulkDialog).toContainText('Credit these wallets, $30.00 in all?');
  await expect(bulkDialog.getByRole('listitem')).toHaveCount(2);
  await expect(bulkDialog.getByRole('listitem').filter({ hasText: first })).toHaveText(`${first}: $10.00 to ${shopper.name}`);
  await expect(bulkDialog.getByRole('listitem').filter({ hasText: second })).toHaveText(`${second}: $20.00 to ${shopper.name}`);
  await bulkDialog.getByRole('button', { name: 'Confirm', exact: true }).click();
  const confirmed = page.getByRole('status').filter({ hasText: 'Confirmed' });
  await expect(confirmed).toContainText(first);
  await expect(confirmed).toContainText(second);
  await expect(page.getByRole('row', { name: new RegExp(`${first}|${second}`) })).toHaveCount(0);

  const row = page.getByRole('row', { name: new RegExp(third) });
  await row.getByRole('button', { name: 'Reject', exact: true }).click();
  await page.getByRole('button', { name: 'Reject top-up' }).click();
  await expect(page.getByLabel(`Reason for rejecting ${third}`)).toHaveAccessibleDescription('Enter a reason.');
  await page.getByLabel(`Reason for rejecting ${third}`).fill('No transfer arrived within 14 days');
  await page.getByRole('button', { name: 'Reject top-up' }).click();
  const rejectDialog = page.getByRole('dialog', { name: 'Reject top-up?' });
  await expect(rejectDialog).toContainText(`Reject the wire transfer ${third} of $30.00 from ${shopper.name}?`);
  await rejectDialog.getByRole('button', { name: 'Reject top-up', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Rejected ${third}.` })).toBeVisible();
  await expect(page.getByText('No wire top-ups are waiting.')).toBeVisible();

  const shopperContext = await browser.newContext();
  const shopperPage = await shopperContext.newPage();
  await signIn(shopperPage, shopper);
  await shopperPage.goto('/my/wallet');
  await expect(shopperPage.getByTestId('wallet-available')).toHaveText('$30.00');
  await expect(shopperPage.getByTestId('wallet-balance')).toHaveText('$30.00');

  // The rejected top-up is listed with its status, but it is no credit and leaves the running balance alone.
  await shopperPage.goto('/my/wallet/transactions');
  const rows = shopperPage.getByRole('table', { name: 'Wallet transactions' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  const rejected = rows.filter({ hasText: 'Rejected' });
  await expect(rejected).toHaveCount(1);
  await expect(rejected.getByRole('cell').nth(2)).toContainText('$30.00');
  await expect(rejected.getByRole('cell').nth(3)).toHaveText('');
  await expect(rejected.getByRole('cell').nth(5)).toHaveText('');
  await expect(rows.filter({ hasNotText: 'Rejected' }).first().getByRole('cell').nth(5)).toHaveText('$30.00');
  await shopperContext.close();
});
