// Staff confirm before any action that moves money or cannot be undone (issue 16): Cancel or
// Escape in the dialog changes nothing; confirming does it once.
import crypto from 'node:crypto';
import { getDatabase } from '@/db';
import { getBalance } from '@/lib/ledger';
import { startTopUp } from '@/lib/wallet/top-ups';
import { expect, signIn, test } from '../fixtures';
import { fundWallet } from '../fixtures/wallet';

const available = async (userId: number) => (await getBalance(getDatabase().read, { wallet: userId, currency: 'USD' })).available;

test('Reset Balance: Escape and Keep it change nothing, Reset balance resets once', async ({ page, shopper, staff }) => {
  await fundWallet(shopper.id, 4_250);
  await signIn(page, staff);
  await page.goto(`/admin/customers/${shopper.id}`);
  const reset = page.getByRole('region', { name: 'Reset Balance' });
  const trigger = reset.getByRole('button', { name: 'Reset Balance' });
  const dialog = page.getByRole('dialog', { name: 'Reset balance?' });
  await reset.getByLabel('Reason').fill('Account closed');

  await trigger.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Reset the wallet of ${shopper.name} from $42.50 to $0.00?`);
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  await trigger.click();
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
  await page.reload();
  await expect(page.getByTestId('wallet-available')).toHaveText('$42.50');
  expect(await available(shopper.id)).toBe(4_250);

  await reset.getByLabel('Reason').fill('Account closed');
  await trigger.click();
  await dialog.getByRole('button', { name: 'Reset balance', exact: true }).click();
  await expect(reset.getByRole('status')).toContainText('Reset the balance by $42.50');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('wallet-available')).toHaveText('$0.00');
  expect(await available(shopper.id)).toBe(0);
  await expect(page.getByRole('table', { name: 'Wallet transactions' }).getByRole('row', { name: /Balance reset by the shop/ })).toHaveCount(1);
});

test('Send Money: Enter in a field opens the dialog, an unreadable amount opens none, Send money sends once', async ({ page, shopper, staff }) => {
  await signIn(page, staff);
  await page.goto(`/admin/customers/${shopper.id}`);
  const send = page.getByRole('region', { name: 'Send Money' });
  const dialog = page.getByRole('dialog', { name: 'Send money?' });

  await send.getByLabel('Amount').fill('12,3,4');
  await send.getByLabel('Reason').fill('Goodwill');
  await send.getByRole('button', { name: 'Send Money' }).click();
  await expect(dialog).toBeHidden();
  await expect(send.getByLabel('Amount')).toHaveAccessibleDescription(/Use a point for decimals and commas only between thousands/);

  await send.getByLabel('Amount').fill('7.25');
  await send.getByLabel('Reason').press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Send $7.25 from the shop to the wallet of ${shopper.name}?`);
  await expect(dialog).toContainText('“Goodwill”');
  await dialog.getByRole('button', { name: "Don't send" }).click();
  await expect(dialog).toBeHidden();
  expect(await available(shopper.id)).toBe(0);

  await send.getByRole('button', { name: 'Send Money' }).click();
  await dialog.getByRole('button', { name: 'Send money', exact: true }).click();
  await expect(send.getByRole('status')).toContainText('Sent $7.25');
  await expect(page.getByTestId('wallet-available')).toHaveText('$7.25');
  expect(await available(shopper.id)).toBe(725);
});

test('Confirm top-up: Not yet leaves it pending, Confirm credits the wallet once', async ({ page, shopper, staff }) => {
  const started = await startTopUp(getDatabase(), shopper, { amount: '63.10', method: 'wire_transfer', attemptKey: crypto.randomUUID() });
  if (started.status !== 'pending') throw new Error('expected a pending wire top-up');
  const { reference } = started.payment;

  await signIn(page, staff);
  await page.goto(`/admin/top-ups?q=${reference}`);
  const row = page.getByRole('row', { name: new RegExp(reference) });
  const dialog = page.getByRole('dialog', { name: 'Confirm top-up?' });

  await row.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(dialog).toContainText(`Credit $63.10 to the wallet of ${shopper.name} for the wire transfer ${reference}?`);
  await dialog.getByRole('button', { name: 'Not yet' }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(reference) })).toBeVisible();
  expect(await available(shopper.id)).toBe(0);

  await row.getByRole('button', { name: 'Confirm', exact: true }).click();
  await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Confirmed ${reference}.` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(reference) })).toHaveCount(0);
  expect(await available(shopper.id)).toBe(6_310);
});

test('Revoke key: Keep the key keeps it working, Revoke key revokes it', async ({ page, staff }) => {
  await signIn(page, staff);
  await page.goto('/admin/settings');
  const keys = page.getByRole('region', { name: 'API keys' });
  const name = `Confirm ${Date.now()}`;
  await keys.getByLabel('Key name').fill(name);
  await keys.getByRole('button', { name: 'Create API key' }).click();
  const apiKey = (await keys.getByTestId('new-api-key').textContent()) ?? '';
  await page.reload();
  const row = keys.getByRole('row', { name: new RegExp(name) });
  const dialog = page.getByRole('dialog', { name: 'Revoke API key?' });

  await row.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(dialog).toContainText(apiKey);
  await dialog.getByRole('button', { name: 'Keep the key' }).click();
  await page.reload();
  await expect(row.getByRole('button', { name: 'Revoke', exact: true })).toBeVisible();

  await row.getByRole('button', { name: 'Revoke', exact: true }).click();
  await dialog.getByRole('button', { name: 'Revoke key', exact: true }).click();
  await expect(keys.getByRole('row', { name: new RegExp(name) })).toContainText('Revoked');
});

test('the dialog fits a 390 px wide screen with 44 px buttons', async ({ page, shopper, staff }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, staff);
  await page.goto(`/admin/customers/${shopper.id}`);
  const reset = page.getByRole('region', { name: 'Reset Balance' });
  await reset.getByLabel('Reason').fill('Checking the layout');
  await reset.getByRole('button', { name: 'Reset Balance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset balance?' });
  await expect(dialog).toBeVisible();
  const box = await dialog.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  for (const name of ['Keep it', 'Reset balance']) {
    const button = await dialog.getByRole('button', { name, exact: true }).boundingBox();
    expect(button?.height ?? 0).toBeGreaterThanOrEqual(44);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
