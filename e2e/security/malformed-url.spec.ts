import { expect, signIn, test } from '../fixtures';

// A dynamic segment that cannot be percent-decoded names nothing: the 404 page, never a 500.
const malformed = ['/payments/%ZZ', '/pay/demo/%E0%A4%A', '/my/orders/%', '/products/%ZZ', '/api/craftgate/%ZZ'];

test('malformed URLs answer 404, signed out', async ({ request }) => {
  for (const path of malformed) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
  }
});

test('a signed-in shopper who opens /payments/%ZZ sees the 404 page', async ({ page, shopper }) => {
  await signIn(page, shopper);
  const response = await page.goto('/payments/%ZZ');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
