import { expect, signIn, test } from '../fixtures';
import { fundWallet } from '../fixtures/wallet';

test('25 transactions page as 10, 10 and 5 with exact running balances', async ({ page, shopper }) => {
  // Deposits of $1.00, $2.00, … $25.00: after deposit n the balance is n(n+1)/2 dollars.
  for (let n = 1; n <= 25; n += 1) await fundWallet(shopper.id, n * 100);

  await signIn(page, shopper);
  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$325.00');
  await page.getByRole('link', { name: 'Balance' }).click();
  await expect(page.getByRole('heading', { name: 'Wallet Transactions' })).toBeVisible();

  const rows = page.getByRole('table', { name: 'Wallet transactions' }).locator('tbody tr');
  const dollars = (n: number) => `$${((n * (n + 1)) / 2).toFixed(2)}`;
  const balanceCell = (index: number) => rows.nth(index).getByRole('cell').nth(5);

  await expect(rows).toHaveCount(10);
  await expect(balanceCell(0)).toHaveText(dollars(25));
  await expect(balanceCell(9)).toHaveText(dollars(16));
  await expect(rows.nth(0).getByRole('cell').nth(3)).toHaveText('$25.00');
  await expect(rows.nth(0).getByRole('cell').nth(0)).toHaveText(/^WT\/\d{4}\/\d{6}$/);

  await page.getByRole('link', { name: 'Page 2' }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(rows).toHaveCount(10);
  await expect(balanceCell(0)).toHaveText(dollars(15));

  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\?page=3$/);
  await expect(rows).toHaveCount(5);
  await expect(balanceCell(0)).toHaveText(dollars(5));
  await expect(balanceCell(4)).toHaveText(dollars(1));
  await expect(page.getByRole('link', { name: 'Next' })).toHaveCount(0);
});
