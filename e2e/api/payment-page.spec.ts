import { getDatabase } from '@/db';
import { createApiKey } from '@/lib/api/secrets';
import { openPaymentPage, type OpenPaymentPageInput } from '@/lib/payment-pages/pages';
import { expect, signIn, test } from '../fixtures';
import { fundWallet } from '../fixtures/wallet';

// The hosted payment page a merchant opens through the API (initCheckoutPayment / initMultiPayment),
// as the buyer sees it. The e2e server runs the Demo card provider (no Stripe keys).

// The e2e server itself stands in for the merchant's site (playwright.config.ts), so the return can be followed.
const merchantOrigin = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;

async function openPage(staffId: number, input: Partial<OpenPaymentPageInput>) {
  const db = getDatabase();
  const key = await createApiKey(db, { name: 'e2e payment page', staffId });
  const paidPrice = input.paidPrice ?? 3000;
  return db.write((tx) =>
    openPaymentPage(tx, {
      kind: 'checkout',
      apiKeyId: key.id,
      buyerId: null,
      price: paidPrice,
      paidPrice,
      currency: 'USD',
      items: [{ name: 'Blue mug', externalId: 'mug-1', price: paidPrice }],
      conversationId: null,
      externalId: null,
      paymentGroup: 'PRODUCT',
      callbackUrl: `${merchantOrigin}/?from=merchant`,
      paymentMethods: null,
      maxPayments: null,
      ttlMinutes: null,
      ...input,
    }),
  );
}

async function fillCard(page: import('@playwright/test').Page, number: string) {
  await page.getByLabel('Name on card').fill('Ada Lovelace');
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry (MM/YY)').fill('12/44');
  await page.getByLabel('CVC').fill('123');
}

test('a visitor pays a checkout page by Demo card after a decline, and is taken back to the merchant', async ({ page, staff }) => {
  const opened = await openPage(staff.id, {});
  await page.goto(`/payment-page/${opened.token}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Pay');
  await expect(page.getByText('Blue mug')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in to pay from your wallet' })).toHaveCount(0);

  await fillCard(page, '4000 0000 0000 0002');
  await page.getByRole('button', { name: 'Pay by card' }).click();
  await expect(page.getByText('The card was declined. Nothing was charged: try another card.')).toBeVisible();
  // The declined number is not kept (the form is reset after the answer): wait for that before typing the next card.
  await expect(page.getByLabel('Card number')).toHaveValue('');
  await expect(page.getByLabel('Name on card')).toHaveValue('Ada Lovelace');

  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay by card' }).click();
  await expect(page.getByRole('heading', { name: 'Payment complete' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Return to the shop' })).toHaveAttribute('href', `${merchantOrigin}/?from=merchant&token=${opened.token}`);
  await page.waitForURL(/from=merchant/);
});

test('the buyer signs in and pays a multi payment in two parts, wallet then card, at 390 px', async ({ page, shopper, staff }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await fundWallet(shopper.id, 1000);
  const opened = await openPage(staff.id, { kind: 'multi', buyerId: shopper.id, paidPrice: 3000, maxPayments: 2 });
  await page.goto(`/payment-page/${opened.token}`);
  await expect(page.getByRole('link', { name: 'Sign in to pay from your wallet' })).toBeVisible();
  await signIn(page, shopper);
  await page.goto(`/payment-page/${opened.token}`);

  const wallet = page.locator('section', { has: page.getByRole('heading', { name: 'Wallet' }) });
  await wallet.getByLabel('Amount to pay now').fill('10.00');
  await wallet.getByRole('button', { name: 'Pay from wallet' }).click();
  await expect(page.getByText(/Payment \w+ of \$10\.00 received\./)).toBeVisible();
  await expect(page.getByText('This is the last payment allowed, so it pays the $20.00 left.').first()).toBeVisible();

  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay by card' }).click();
  await expect(page.getByRole('heading', { name: 'Payment complete' })).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});

test('a deposit page naming no member: the visitor signs in, pays by Demo card, and the money is in their wallet', async ({ page, shopper, staff }) => {
  const opened = await openPage(staff.id, { kind: 'deposit', paidPrice: 2500, items: [], paymentMethods: ['CARD'] });
  await page.goto(`/payment-page/${opened.token}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Add money to your');
  await expect(page.getByRole('button', { name: 'Pay by card' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Sign in to add money to your wallet' }).click();

  // The sign-in form takes the shopper back to the page (callbackUrl).
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill(shopper.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(new RegExp(`/payment-page/${opened.token}$`));
  await expect(page.getByText(`The money goes to the wallet of ${shopper.email}.`)).toBeVisible();

  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay by card' }).click();
  await expect(page.getByRole('heading', { name: 'Payment complete' })).toBeVisible();

  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$25.00');
});

test('an expired page says so and offers only the way back', async ({ page, staff }) => {
  const opened = await openPage(staff.id, { ttlMinutes: 1 });
  const { expirePaymentPage } = await import('@/lib/payment-pages/pages');
  await getDatabase().write((tx) => expirePaymentPage(tx, opened.token));
  await page.goto(`/payment-page/${opened.token}`);
  await expect(page.getByRole('heading', { name: 'This payment page has expired' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pay by card' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Return to the shop' })).toBeVisible();
});

test('an unknown token is not found', async ({ page }) => {
  const response = await page.goto('/payment-page/no-such-token');
  expect(response?.status()).toBe(404);
});
