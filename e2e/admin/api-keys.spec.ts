import { expect, signIn, test } from '../fixtures';

test('staff create an API key in Settings, see its secret once, and revoke it', async ({ page, staff }) => {
  await signIn(page, staff);
  await page.goto('/admin/settings');
  const keys = page.getByRole('region', { name: 'API keys' });
  await keys.getByRole('button', { name: 'Create API key' }).click();
  await expect(keys.getByLabel('Key name')).toHaveAccessibleDescription(/Name the key/);

  const name = `ERP ${Date.now()}`;
  await keys.getByLabel('Key name').fill(name);
  await keys.getByRole('button', { name: 'Create API key' }).click();
  await expect(keys.getByTestId('new-secret-key')).toHaveText(/^cs_[\w-]{40,}$/);
  const apiKey = (await keys.getByTestId('new-api-key').textContent()) ?? '';
  expect(apiKey).toMatch(/^ck_/);

  // The secret is not on the page once it is reloaded.
  await page.reload();
  const row = keys.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(apiKey);
  await expect(keys.getByTestId('new-secret-key')).toHaveCount(0);
  await row.getByRole('button', { name: 'Revoke', exact: true }).click();
  const revokeDialog = page.getByRole('dialog', { name: 'Revoke API key?' });
  await expect(revokeDialog).toContainText(apiKey);
  await expect(revokeDialog).toContainText('This cannot be undone');
  await revokeDialog.getByRole('button', { name: 'Revoke key', exact: true }).click();
  await expect(keys.getByRole('row', { name: new RegExp(name) })).toContainText('Revoked');
});
