import { expect, signIn, test } from '../fixtures';

test('staff credit a customer with a reason and it shows in the customer’s history', async ({ page, browser, shopper, staff }) => {
  await signIn(page, staff);
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Backend' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await page.getByLabel('Search by name or email').fill(shopper.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('row')).toHaveCount(2);
  await page.getByRole('link', { name: shopper.name }).click();
  await expect(page.getByRole('heading', { name: shopper.name })).toBeVisible();

  const send = page.getByRole('region', { name: 'Send Money' });
  await send.getByLabel('Amount').fill('25.00');
  await send.getByRole('button', { name: 'Send Money' }).click();
  await expect(send.getByLabel('Reason')).toHaveAccessibleDescription(/Enter a reason\./);
  await send.getByLabel('Reason').fill('Sorry for the late parcel');
  await send.getByRole('button', { name: 'Send Money' }).click();
  const sendDialog = page.getByRole('dialog', { name: 'Send money?' });
  await expect(sendDialog).toContainText(`Send $25.00 from the shop to the wallet of ${shopper.name}?`);
  await sendDialog.getByRole('button', { name: 'Send money', exact: true }).click();
  await expect(send.getByRole('status')).toContainText('Sent $25.00');
  await expect(page.getByTestId('wallet-available')).toHaveText('$25.00');
  const history = page.getByRole('table', { name: 'Wallet transactions' });
  await expect(history.getByRole('row', { name: /Credit from the shop: Sorry for the late parcel/ })).toContainText('$25.00');

  const withdraw = page.getByRole('region', { name: 'Withdraw' });
  await withdraw.getByLabel('Amount').fill('100');
  await withdraw.getByLabel('Reason').fill('Duplicate credit');
  await withdraw.getByRole('button', { name: 'Withdraw' }).click();
  await page.getByRole('dialog', { name: 'Withdraw money?' }).getByRole('button', { name: 'Withdraw', exact: true }).click();
  await expect(withdraw.getByRole('status')).toContainText('the wallet has only $25.00 available');
  await expect(withdraw.getByLabel('Amount')).toHaveAccessibleDescription(/At most \$25\.00 can be withdrawn\./);
  await expect(page.getByTestId('wallet-available')).toHaveText('$25.00');

  const reset = page.getByRole('region', { name: 'Reset Balance' });
  await reset.getByLabel('Reason').fill('Account closed at the customer’s request');
  await reset.getByRole('button', { name: 'Reset Balance' }).click();
  const resetDialog = page.getByRole('dialog', { name: 'Reset balance?' });
  await expect(resetDialog).toContainText(`Reset the wallet of ${shopper.name} from $25.00 to $0.00?`);
  await resetDialog.getByRole('button', { name: 'Reset balance', exact: true }).click();
  await expect(reset.getByRole('status')).toContainText('Reset the balance by $25.00');
  await expect(page.getByTestId('wallet-available')).toHaveText('$0.00');

  const shopperContext = await browser.newContext();
  const shopperPage = await shopperContext.newPage();
  await signIn(shopperPage, shopper);
  await shopperPage.goto('/my/wallet/transactions');
  await expect(shopperPage.getByRole('row', { name: /Credit from the shop: Sorry for the late parcel/ })).toBeVisible();
  await expect(shopperPage.getByRole('row', { name: /Balance reset by the shop: Account closed/ })).toBeVisible();
  await shopperContext.close();

  await page.getByRole('navigation', { name: 'Backend' }).getByRole('link', { name: 'Audit Log' }).click();
  const audit = page.getByRole('table', { name: 'Audit log' });
  await expect(audit.getByRole('row', { name: /Sent money to wallet.*Sorry for the late parcel/ })).toContainText(staff.name);
  await expect(audit.getByRole('row', { name: /Reset wallet balance/ }).first()).toContainText(shopper.name);
});

test('the customer list sorts by balance on the server', async ({ page, staff }) => {
  await signIn(page, staff);
  await page.goto('/admin/customers');
  await page.getByRole('link', { name: 'Wallet balance' }).click();
  await expect(page).toHaveURL(/sort=balance/);
  await expect(page.getByText('sorted by wallet balance, highest first')).toBeVisible();
});
