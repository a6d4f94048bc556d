import { expect, signIn, test } from '../fixtures';
import type { Page } from '@playwright/test';

async function payWithDemoCard(page: Page, cardNumber: string) {
  await expect(page.getByText('Demo', { exact: true })).toBeVisible();
  await page.getByLabel('Name on card').fill('Sam Shopper');
  await page.getByLabel('Card number').fill(cardNumber);
  await page.getByLabel('Expiry (MM/YY)').fill('12/30');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: /^Pay / }).click();
}

test('a shopper adds 339.50 with the Demo card and sees it in My Wallet', async ({ page, shopper }) => {
  await signIn(page, shopper);
  await page.getByRole('link', { name: 'Wallet' }).click();
  await expect(page.getByRole('heading', { name: 'My Wallet' })).toBeVisible();
  await expect(page.getByTestId('wallet-available')).toHaveText('$0.00');

  await page.getByRole('button', { name: 'Add Money' }).click();
  await expect(page.getByRole('heading', { name: 'Add Money' })).toBeVisible();
  await page.getByLabel('Amount').fill('339.50');
  await page.getByRole('radio', { name: /^Card/ }).check();
  await page.getByRole('button', { name: 'Proceed to Add Money' }).click();

  await payWithDemoCard(page, '4242 4242 4242 4242');
  await expect(page.getByRole('heading', { name: 'Money added to your wallet' })).toBeVisible();
  await expect(page.getByTestId('transaction-reference')).toHaveText(/^WT\/\d{4}\/\d{6}$/);
  await expect(page.getByTestId('new-balance')).toHaveText('$339.50');

  await page.getByRole('link', { name: 'Back to My Wallet' }).click();
  await expect(page.getByTestId('wallet-available')).toHaveText('$339.50');
  await expect(page.getByRole('cell', { name: /Top-up by card/ })).toBeVisible();
});

test('a declined card credits nothing and says so', async ({ page, shopper }) => {
  await signIn(page, shopper);
  await page.goto('/my/wallet/add');
  await page.getByLabel('Amount').fill('25');
  await page.getByRole('button', { name: 'Proceed to Add Money' }).click();
  await payWithDemoCard(page, '4000 0000 0000 0002');
  await expect(page.getByRole('status')).toContainText('Your card was declined');
  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$0.00');
});

test('bad amounts are refused next to the field', async ({ page, shopper }) => {
  await signIn(page, shopper);
  await page.goto('/my/wallet/add');
  for (const [amount, message] of [
    ['abc', /Enter an amount/],
    ['10.001', /at most 2 decimals/],
    ['0', /more than zero|greater than zero|Enter an amount/],
  ] as const) {
    await page.getByLabel('Amount').fill(amount);
    await page.getByRole('button', { name: 'Proceed to Add Money' }).click();
    await expect(page.getByLabel('Amount')).toHaveAccessibleDescription(message);
  }
  await expect(page).toHaveURL(/\/my\/wallet\/add/);
});

test('a wire transfer top-up stays pending and leaves the balance unchanged', async ({ page, shopper }) => {
  await signIn(page, shopper);
  await page.goto('/my/wallet/add');
  await page.getByLabel('Amount').fill('507.50');
  await page.getByRole('radio', { name: /^Wire Transfer/ }).check();
  await page.getByRole('button', { name: 'Proceed to Add Money' }).click();

  await expect(page.getByRole('heading', { name: /Wire transfer instructions/ })).toBeVisible();
  const reference = (await page.getByTestId('wire-reference').textContent()) ?? '';
  expect(reference).toMatch(/^CW[0-9A-Z]{8}$/);

  await page.getByRole('link', { name: 'Back to My Wallet' }).click();
  await expect(page.getByTestId('wallet-available')).toHaveText('$0.00');
  await expect(page.getByTestId('wallet-pending')).toHaveText('$507.50');
  const pending = page.getByRole('region', { name: 'Pending' });
  await expect(pending).toContainText(reference);
  await expect(pending.getByRole('listitem').filter({ hasText: reference }).getByText('Pending', { exact: true })).toBeVisible();
});

test('Add Money is prefilled from ?amount=', async ({ page, shopper }) => {
  await signIn(page, shopper);
  await page.goto('/my/wallet/add?amount=507.50&return=/checkout');
  await expect(page.getByLabel('Amount')).toHaveValue('507.50');
});
