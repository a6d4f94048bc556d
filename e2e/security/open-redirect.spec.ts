import { expect, test } from '../fixtures';

test('signing in with callbackUrl=https://evil.example lands on the shop, not the other site', async ({ page, shopper }, testInfo) => {
  const origin = new URL(String(testInfo.project.use.baseURL)).origin;
  await page.goto('/sign-in?callbackUrl=https://evil.example/steal');
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill(shopper.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(shopper.name);
  await expect(page).toHaveURL(`${origin}/`);
});

test('a signed-in shopper sent to /sign-in?callbackUrl=//evil.example stays on the shop', async ({ page, shopper }, testInfo) => {
  const origin = new URL(String(testInfo.project.use.baseURL)).origin;
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill(shopper.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(shopper.name);
  const response = await page.request.get('/sign-in?callbackUrl=//evil.example', { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(new URL(response.headers().location ?? '', origin).origin).toBe(origin);
});
