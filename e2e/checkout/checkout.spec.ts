import crypto from 'node:crypto';
import type { Page } from '@playwright/test';
import { getDatabase } from '@/db';
import { placeOrder } from '@/lib/checkout';
import { addToCart } from '@/lib/shop/cart';
import { getProductBySlug } from '@/lib/shop/catalog';
import { createTestUser, expect, signIn, test } from '../fixtures';
import { fundWallet } from '../fixtures/wallet';

async function addProductToCart(page: Page, productName: string, quantity: number) {
  await page.goto('/');
  await page.getByRole('link', { name: new RegExp(productName) }).click();
  await expect(page.getByRole('heading', { name: productName })).toBeVisible();
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to Cart' }).click();
  await expect(page.getByRole('status')).toContainText(`Added ${quantity} × ${productName} to your cart.`);
}

/** The seeded shop delivers or lets the shopper pick up; these tests pick up (no shipping, no address). */
async function pickUpInStore(page: Page) {
  await page.getByRole('radio', { name: /^Pick up in store/ }).check();
}

async function payWithDemoCard(page: Page) {
  await expect(page.getByText('Demo', { exact: true })).toBeVisible();
  await page.getByLabel('Name on card').fill('Sam Shopper');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM/YY)').fill('12/30');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: /^Pay / }).click();
}

test('a shopper buys with the wallet: order paid, balance reduced by the total', async ({ page, shopper }) => {
  await fundWallet(shopper.id, 50_000);
  await signIn(page, shopper);
  await addProductToCart(page, 'Ceramic Mug', 2);
  await expect(page.getByRole('link', { name: 'Cart (2)' })).toBeVisible();

  await page.getByRole('link', { name: 'Cart (2)' }).click();
  await expect(page.getByTestId('line-total')).toHaveText('$36.00');
  await page.getByRole('spinbutton', { name: 'Quantity of Ceramic Mug' }).fill('3');
  await page.getByRole('button', { name: 'Update' }).click();
  await expect(page.getByTestId('cart-total')).toHaveText('$54.00');
  await page.getByRole('link', { name: 'Checkout' }).click();

  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await pickUpInStore(page);
  await expect(page.getByTestId('order-total')).toHaveText('$54.00');
  const wallet = page.getByRole('radio', { name: /^Wallet/ });
  await expect(wallet).toBeEnabled();
  await expect(wallet).toHaveAccessibleName(/\$500\.00/);
  await wallet.check();
  await page.getByRole('button', { name: 'Pay Now' }).click();

  await expect(page.getByRole('heading', { name: /^Order S\d{5}$/ })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-payment-method')).toHaveText('Wallet');
  await expect(page.getByTestId('wallet-remaining')).toHaveText('$446.00');
  await expect(page.getByRole('link', { name: 'Cart', exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Wallet', exact: true }).click();
  await expect(page.getByTestId('wallet-available')).toHaveText('$446.00');
  await expect(page.getByRole('cell', { name: /Payment for order S\d{5}/ })).toBeVisible();
});

test('a short wallet: Wallet disabled, top up the exact shortfall by Demo card, return and pay → balance 0.00', async ({ page, shopper }) => {
  await fundWallet(shopper.id, 24_250);
  await signIn(page, shopper);
  await addProductToCart(page, 'Reading Armchair', 1);
  await page.goto('/checkout');
  await pickUpInStore(page);

  const wallet = page.getByRole('radio', { name: /^Wallet/ });
  await expect(wallet).toBeDisabled();
  await expect(wallet).toHaveAccessibleDescription(/Insufficient wallet balance: \$242\.50 available, order total \$750\.00/);
  const topUp = page.getByRole('link', { name: 'Add $507.50 to your wallet' });
  await expect(topUp).toHaveAttribute('href', '/my/wallet/add?amount=507.50&return=/checkout');
  await topUp.click();

  await expect(page.getByRole('heading', { name: 'Add Money' })).toBeVisible();
  await expect(page.getByLabel('Amount')).toHaveValue('507.50');
  await page.getByRole('radio', { name: /^Card/ }).check();
  await page.getByRole('button', { name: 'Proceed to Add Money' }).click();
  await payWithDemoCard(page);
  await expect(page.getByRole('heading', { name: 'Money added to your wallet' })).toBeVisible();
  await expect(page.getByTestId('new-balance')).toHaveText('$750.00');
  await page.getByRole('link', { name: 'Continue where you were' }).click();

  await expect(page).toHaveURL(/\/checkout$/);
  await pickUpInStore(page);
  await expect(wallet).toBeEnabled();
  await wallet.check();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('wallet-remaining')).toHaveText('$0.00');
  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$0.00');
});

test('a Cash on Delivery order shows as pending in My Orders', async ({ page, shopper }) => {
  await signIn(page, shopper);
  await addProductToCart(page, 'Steel Water Bottle', 1);
  await page.goto('/checkout');
  await pickUpInStore(page);
  await page.getByRole('radio', { name: /^Cash on Delivery/ }).check();
  await page.getByRole('button', { name: 'Pay Now' }).click();

  await expect(page.getByRole('heading', { name: 'Order confirmed: pay on delivery' })).toBeVisible();
  const orderNumber = (await page.getByTestId('order-number').textContent()) ?? '';
  expect(orderNumber).toMatch(/^S\d{5}$/);

  await page.goto('/my/orders');
  await expect(page.getByRole('heading', { name: 'My Orders' })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: orderNumber }) });
  await expect(row).toContainText('Cash on Delivery');
  await expect(row).toContainText('$29.00');
  await expect(row.getByText('Pending', { exact: true })).toBeVisible();
});

test('a Wire Transfer order shows the bank details and the payment reference', async ({ page, shopper }) => {
  await signIn(page, shopper);
  await addProductToCart(page, 'Oak Wall Clock', 1);
  await page.goto('/checkout');
  await pickUpInStore(page);
  await page.getByRole('radio', { name: /^Wire Transfer/ }).check();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByRole('heading', { name: /waiting for your wire transfer/ })).toBeVisible();
  await expect(page.getByTestId('wire-reference')).toHaveText(/^CW[0-9A-Z]{8}$/);
  await expect(page.getByText('GB33 BUKB 2020 1555 5555 55')).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Pending');
});

test("a visitor's cart survives signing in at checkout", async ({ page, shopper }) => {
  await addProductToCart(page, 'Linen Shirt', 2);
  await expect(page.getByRole('link', { name: 'Cart (2)' })).toBeVisible();
  await page.reload();
  await page.getByRole('link', { name: 'Cart (2)' }).click();
  await expect(page.getByTestId('cart-total')).toHaveText('$148.00');
  await page.getByRole('link', { name: 'Checkout' }).click();

  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill(shopper.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await expect(page.getByTestId('order-total')).toHaveText('$148.00');
  await expect(page.getByRole('link', { name: 'Cart (2)' })).toBeVisible();
  await page.goto('/cart');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-total')).toHaveText('$148.00');
});

test("another shopper's order is not found", async ({ page, shopper }) => {
  const owner = await createTestUser('customer');
  const db = getDatabase();
  const bottle = await getProductBySlug(db.read, 'water-bottle');
  if (!bottle) throw new Error('the demo catalog has no water bottle');
  const added = await addToCart(db, owner.id, bottle.id, 1);
  if (!added.ok) throw new Error(added.message);
  const { order } = await placeOrder(db, owner, { method: 'cash_on_delivery', checkoutKey: crypto.randomUUID() });

  await signIn(page, shopper);
  await page.goto(`/my/orders/${order.number}`);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.goto('/my/orders');
  await expect(page.getByText('You have no orders yet.')).toBeVisible();
});

test('paying an order by Demo card ends on the paid order', async ({ page, shopper }) => {
  await signIn(page, shopper);
  await addProductToCart(page, 'Pour-Over Coffee Set', 1);
  await page.goto('/checkout');
  await pickUpInStore(page);
  await expect(page.getByRole('radio', { name: /^Wallet/ })).toBeDisabled();
  await page.getByRole('radio', { name: /^Card/ }).check();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByText('Pay $47.00')).toBeVisible();
  await payWithDemoCard(page);
  await expect(page.getByRole('heading', { name: /^Order S\d{5}$/ })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-payment-method')).toHaveText('Card');
});

test('the cart refuses a bad quantity next to the field, and Remove empties it', async ({ page }) => {
  await addProductToCart(page, 'Terracotta Plant Pot', 1);
  await page.goto('/cart');
  const quantity = page.getByRole('spinbutton', { name: 'Quantity of Terracotta Plant Pot' });
  await quantity.fill('0');
  await page.getByRole('button', { name: 'Update' }).click();
  await expect(quantity).toHaveAccessibleDescription('Enter a whole number from 1 to 99.');
  await expect(page.getByTestId('cart-total')).toHaveText('$16.50');
  await page.getByRole('button', { name: 'Remove Terracotta Plant Pot' }).click();
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cart', exact: true })).toBeVisible();
});
