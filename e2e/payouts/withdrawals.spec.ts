import crypto from 'node:crypto';
import { getDatabase } from '@/db';
import { requestWithdrawal } from '@/lib/withdrawals/request';
import { expect, signIn, test } from '../fixtures';
import { fundWallet } from '../fixtures/wallet';

/** A withdrawal asked for through the merchant API (no Settings switch needed), its amount funded first. */
async function apiWithdrawal(userId: number, staffId: number, amount: number) {
  await fundWallet(userId, amount);
  const { withdrawal } = await requestWithdrawal(getDatabase(), {
    userId,
    amount,
    currency: 'USD',
    iban: 'GB82 WEST 1234 5698 7654 32',
    accountHolder: null,
    description: null,
    source: 'api',
    idempotencyKey: `e2e:${crypto.randomUUID()}`,
    requestedBy: staffId,
  });
  return `WD${String(withdrawal.id).padStart(6, '0')}`;
}

test('staff allow withdrawals; a member asks for one from My Wallet (an IBAN typo refused beside the field), sees it held, and cancels it once', async ({
  page,
  browser,
  shopper,
  staff,
}) => {
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staff);
  await staffPage.goto('/admin/settings');
  await staffPage.getByRole('checkbox', { name: /Members may request withdrawals/ }).check();
  await staffPage.getByRole('button', { name: 'Save Settings' }).click();
  await expect(staffPage.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await staffContext.close();

  await fundWallet(shopper.id, 10_000);
  await signIn(page, shopper);
  await page.goto('/my/wallet');
  // My Wallet links to Withdraw; the page is opened by its address, as a full load: a click on the
  // link is a client-side navigation that Next.js renders twice under load (from the prefetch, then
  // from its own fetch), and a field filled or a dialog opened in between is lost with the first render.
  await expect(page.getByRole('link', { name: 'Withdraw', exact: true })).toHaveAttribute('href', '/my/wallet/withdraw');
  await page.goto('/my/wallet/withdraw');
  await expect(page.getByRole('heading', { name: 'Withdraw', exact: true })).toBeVisible();
  await expect(page.getByTestId('withdrawable')).toHaveText('Available to withdraw: $100.00');

  await page.getByLabel('Amount').fill('40.00');
  await page.getByLabel('IBAN').fill('GB82 WEST 1234 5698 7654 23');
  await page.getByLabel('Account holder').fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Request Withdrawal' }).click();
  await expect(page.getByLabel('IBAN')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('IBAN')).toHaveAccessibleDescription(/This IBAN has a typo/);

  await page.getByLabel('IBAN').fill('GB82 WEST 1234 5698 7654 32');
  await page.getByRole('button', { name: 'Request Withdrawal' }).click();
  const requested = page.getByRole('status').filter({ hasText: /Withdrawal WD\d{6} of \$40\.00 requested/ });
  await expect(requested).toBeVisible();
  const reference = /WD\d{6}/.exec((await requested.textContent()) ?? '')?.[0] ?? '';
  const row = page.getByRole('row', { name: new RegExp(reference) });
  await expect(row).toContainText('Waiting for payout');
  await expect(row).toContainText('GB82 WEST 1234 5698 7654 32');

  // My Wallet shows it as money held: the balance is unchanged, the available funds are not.
  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-balance')).toHaveText('$100.00');
  await expect(page.getByTestId('wallet-available')).toHaveText('$60.00');
  await expect(page.getByTestId('wallet-held')).toHaveText('$40.00');
  await expect(page.getByTestId('wallet-holds')).toContainText(`Withdrawal ${reference} to your bank account`);

  await page.goto('/my/wallet/withdraw');
  await page.getByRole('row', { name: new RegExp(reference) }).getByRole('button', { name: 'Cancel', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel withdrawal?' });
  await expect(dialog).toContainText(`Cancel ${reference} of $40.00? The amount is available in your wallet again.`);
  await dialog.getByRole('button', { name: 'Cancel withdrawal' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${reference} was cancelled: the amount is available in your wallet again.` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(reference) })).toContainText('Cancelled');
  await expect(page.getByRole('row', { name: new RegExp(reference) }).getByRole('button', { name: 'Cancel', exact: true })).toHaveCount(0);

  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$100.00');
  await expect(page.getByTestId('wallet-holds')).toHaveCount(0);
});

test('staff find waiting withdrawals first on Payouts, pay one out once even from two tabs, and reject another with a reason', async ({
  page,
  browser,
  shopper,
  staff,
}) => {
  const paid = await apiWithdrawal(shopper.id, staff.id, 2_500);
  const rejected = await apiWithdrawal(shopper.id, staff.id, 1_000);

  await signIn(page, staff);
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Backend' }).getByRole('link', { name: 'Payouts' }).click();
  await expect(page.getByRole('heading', { name: 'Payouts', exact: true })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(paid) });
  await expect(row).toContainText(shopper.name);
  await expect(row).toContainText('$25.00');
  await expect(row).toContainText('GB82 WEST 1234 5698 7654 32');
  await expect(row).toContainText('Waiting for payout');

  // A second tab on the same list, as when two people work the queue.
  const secondTab = await page.context().newPage();
  await secondTab.goto('/admin/payouts');
  await expect(secondTab.getByRole('row', { name: new RegExp(paid) })).toBeVisible();

  await row.getByRole('button', { name: 'Mark as paid out' }).click();
  const payDialog = page.getByRole('dialog', { name: 'Mark as paid out?' });
  await expect(payDialog).toContainText(`Mark ${paid}, $25.00 to the bank account of ${shopper.name}, as paid out?`);
  await payDialog.getByRole('button', { name: 'Mark as paid out' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${paid} is marked as paid out.` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(paid) })).toContainText('Paid out');

  await secondTab.getByRole('row', { name: new RegExp(paid) }).getByRole('button', { name: 'Mark as paid out' }).click();
  await secondTab.getByRole('dialog', { name: 'Mark as paid out?' }).getByRole('button', { name: 'Mark as paid out' }).click();
  await expect(secondTab.getByRole('status').filter({ hasText: `${paid} was already paid out.` })).toBeVisible();

  const other = page.getByRole('row', { name: new RegExp(rejected) });
  await other.getByRole('button', { name: 'Reject', exact: true }).click();
  await page.getByLabel(`Why is ${rejected} rejected?`).fill('The account is closed');
  await page.getByRole('button', { name: 'Reject withdrawal' }).click();
  const rejectDialog = page.getByRole('dialog', { name: 'Reject withdrawal?' });
  await expect(rejectDialog).toContainText(`Reject ${rejected}, $10.00 for ${shopper.name}?`);
  await expect(rejectDialog).toContainText('They will read your reason: “The account is closed”');
  await rejectDialog.getByRole('button', { name: 'Reject withdrawal' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${rejected} was rejected` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(rejected) })).toContainText('Reason: The account is closed');

  // The audit log names both decisions.
  await page.goto('/admin/audit');
  await expect(page.getByRole('row', { name: /Paid out withdrawal/ }).first()).toBeVisible();
  await expect(page.getByRole('row', { name: /Rejected withdrawal/ }).first()).toBeVisible();
  await secondTab.close();
});
