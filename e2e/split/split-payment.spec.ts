import type { Page } from '@playwright/test';
import { getDatabase } from '@/db';
import { issueInvoice } from '@/lib/invoices/create';
import { addToCart } from '@/lib/shop/cart';
import { getProductBySlug } from '@/lib/shop/catalog';
import { expect, signIn, test } from '../fixtures';
import { fundWallet } from '../fixtures/wallet';

/** A 150.00 cart: 4 × Ceramic Mug (18.00) + 2 × Leather Card Holder (39.00), put in through lib. */
async function fillCartTo150(userId: number) {
  const db = getDatabase();
  for (const [slug, quantity] of [['ceramic-mug', 4], ['card-holder', 2]] as const) {
    const product = await getProductBySlug(db.read, slug);
    if (!product) throw new Error(`the demo catalog has no ${slug}`);
    const added = await addToCart(db, userId, product.id, quantity);
    if (!added.ok) throw new Error(added.message);
  }
}

async function chooseWalletAndCard(page: Page) {
  await page.goto('/checkout');
  // Picked up in store: no shipping on top of the 150.00, no address.
  await page.getByRole('radio', { name: /^Pick up in store/ }).check();
  await expect(page.getByTestId('order-total')).toHaveText('$150.00');
  await expect(page.getByRole('radio', { name: /^Wallet —/ })).toBeDisabled();
  const split = page.getByRole('radio', { name: /^Use wallet balance/ });
  await expect(split).toHaveAccessibleName('Use wallet balance ($100.00) and pay the remaining $50.00 by card');
  await split.check();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByText('Pay $50.00')).toBeVisible();
}

async function fillDemoCard(page: Page, number: string) {
  await page.getByLabel('Name on card').fill('Sam Shopper');
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry (MM/YY)').fill('12/30');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: 'Pay $50.00' }).click();
}

test('Wallet and Card: 100.00 from the wallet, 50.00 by Demo card → order paid, wallet 0.00, two payments', async ({ page, shopper }) => {
  await fundWallet(shopper.id, 10_000);
  await fillCartTo150(shopper.id);
  await signIn(page, shopper);
  await chooseWalletAndCard(page);

  // While the card page is open, the wallet amount is held, not available.
  const cardPage = page.url();
  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$0.00');
  await expect(page.getByTestId('wallet-held')).toHaveText('$100.00');
  await expect(page.getByTestId('wallet-holds')).toContainText(/Held for order S\d{5}/);
  // The hold is not a debit yet: the balance and the running balance still agree at 100.00.
  await expect(page.getByTestId('wallet-balance')).toHaveText('$100.00');
  const recent = page.getByRole('table', { name: 'Wallet transactions' }).locator('tbody tr');
  await expect(recent).toHaveCount(1);
  await expect(recent.first().getByRole('cell').nth(5)).toHaveText('$100.00');
  await page.goto(cardPage);

  await fillDemoCard(page, '4242 4242 4242 4242');
  await expect(page.getByRole('heading', { name: /^Order S\d{5}$/ })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-payment-method')).toHaveText('Wallet and Card');
  await expect(page.getByTestId('wallet-remaining')).toHaveText('$0.00');
  const payments = page.getByRole('region', { name: 'Payments' }).getByRole('listitem');
  await expect(payments).toHaveCount(2);
  await expect(payments.filter({ hasText: 'Wallet' })).toContainText('$100.00');
  await expect(payments.filter({ hasText: 'Card (Demo)' })).toContainText('$50.00');
  await expect(payments.filter({ hasText: 'Paid' })).toHaveCount(2);

  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$0.00');
  await expect(page.getByTestId('wallet-held')).toHaveCount(0);
});

test('Wallet and Card with a declined card, then "Cancel payment" → the hold is released, wallet back to 100.00', async ({ page, shopper }) => {
  await fundWallet(shopper.id, 10_000);
  await fillCartTo150(shopper.id);
  await signIn(page, shopper);
  await chooseWalletAndCard(page);

  await fillDemoCard(page, '4000 0000 0000 0002');
  await expect(page.getByRole('status').filter({ hasText: 'Your card was declined' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel payment' }).click();

  await expect(page.getByRole('heading', { name: /^Order S\d{5}$/ })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Pending');
  await expect(page.getByText('The amount held from your wallet was released.')).toBeVisible();
  const payments = page.getByRole('region', { name: 'Payments' }).getByRole('listitem');
  await expect(payments).toHaveCount(2);
  await expect(payments.filter({ hasText: 'Cancelled' })).toHaveCount(2);

  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$100.00');
  await expect(page.getByTestId('wallet-held')).toHaveCount(0);
  // The released hold is marked Released, with no debit and no running balance of its own.
  const released = page.getByRole('table', { name: 'Wallet transactions' }).locator('tbody tr').filter({ hasText: 'Released' }).first();
  await expect(released).toBeVisible();
  await expect(released.getByRole('cell').nth(4)).toHaveText('');
  await expect(released.getByRole('cell').nth(5)).toHaveText('');
  await expect(page.getByTestId('wallet-balance')).toHaveText('$100.00');
});

test('Wallet and Card on an invoice: 100.00 held from the wallet, 50.00 by Demo card → invoice Paid', async ({ page, shopper }) => {
  await fundWallet(shopper.id, 10_000);
  const invoice = await issueInvoice(getDatabase(), {
    userId: shopper.id,
    currency: 'USD',
    lines: [{ description: 'Espresso machine service', quantity: 1, unitPriceMinor: 15_000 }],
  });
  await signIn(page, shopper);
  await page.goto(`/my/invoices/${invoice.id}`);
  const split = page.getByRole('radio', { name: /^Use wallet balance/ });
  await expect(split).toHaveAccessibleName('Use wallet balance ($100.00) and pay the remaining $50.00 by card');
  await split.check();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByText('Pay $50.00')).toBeVisible();
  await page.goto(`/my/invoices/${invoice.id}`);
  await expect(page.getByTestId('split-progress')).toHaveText(
    'Wallet and Card in progress: $100.00 held from your wallet, $50.00 remaining by card.',
  );
  await page.goBack();
  await fillDemoCard(page, '4242 4242 4242 4242');

  await expect(page.getByRole('heading', { name: 'Invoice payment received' })).toBeVisible();
  await page.getByRole('link', { name: `Back to invoice ${invoice.number}` }).click();
  await expect(page.getByTestId('invoice-status')).toHaveText('Paid');
  await expect(page.getByTestId('amount-due')).toHaveText('$0.00');
  const payments = page.getByRole('region', { name: 'Payments applied' });
  await expect(payments.getByRole('row', { name: /Wallet/ })).toContainText('$100.00');
  await expect(payments.getByRole('row', { name: /Card/ })).toContainText('$50.00');
  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$0.00');
});
