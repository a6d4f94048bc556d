import { expect, signIn, test } from '../fixtures';

test('staff create an invoice for a customer with lines and find it in the list', async ({ page, staff, shopper }) => {
  await signIn(page, staff);
  await page.goto('/admin/invoices');
  await page.getByRole('link', { name: 'New Invoice' }).click();
  await expect(page.getByRole('heading', { name: 'New Invoice' })).toBeVisible();

  await page.getByLabel('Customer email').fill('nobody@e2e.example');
  await page.getByLabel('Description, line 1').fill('Gift wrapping');
  await page.getByLabel('Quantity, line 1').fill('2');
  await page.getByLabel('Unit price, line 1').fill('3.50');
  await page.getByRole('button', { name: 'Create Invoice' }).click();
  await expect(page.getByLabel('Customer email')).toHaveAccessibleDescription('No customer has this email address.');

  await page.getByLabel('Customer email').fill(shopper.email);
  await page.getByRole('button', { name: 'Add line' }).click();
  await page.getByLabel('Description, line 2').fill('Engraving');
  await page.getByLabel('Unit price, line 2').fill('12.001');
  await page.getByRole('button', { name: 'Create Invoice' }).click();
  await expect(page.getByLabel('Unit price, line 2')).toHaveAccessibleDescription('USD amounts have at most 2 decimals.');
  await page.getByLabel('Unit price, line 2').fill('12.00');
  await page.getByRole('button', { name: 'Create Invoice' }).click();

  await expect(page.getByRole('heading', { name: 'Invoices' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(shopper.name) });
  await expect(row).toContainText('$19.00');
  await expect(row).toContainText('Not Paid');
});
