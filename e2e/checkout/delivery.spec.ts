// Checkout with a delivery address and a shipping method (the seeded shop: Standard delivery $4.90,
// free from $50.00; Express delivery $12.90; Pick up in store, free).
import { eq } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import { getDatabase } from '@/db';
import { orders, products } from '@/db/schema';
import { addToCart } from '@/lib/shop/cart';
import { getProductBySlug } from '@/lib/shop/catalog';
import { insertTestProduct } from '@/test/helpers/checkout';
import { expect, signIn, test } from '../fixtures';

const db = getDatabase();

async function putInCart(userId: number, slug: string, quantity: number) {
  const product = await getProductBySlug(db.read, slug);
  if (!product) throw new Error(`the demo catalog has no ${slug}`);
  const added = await addToCart(db, userId, product.id, quantity);
  if (!added.ok) throw new Error(added.message);
}

async function fillNewAddress(page: Page) {
  await page.getByLabel('Full name').fill('Sam Shopper');
  await page.getByLabel('Address', { exact: true }).fill('1 Main Street');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('Postal code').fill('12345');
  // The shop sells in USD: the United States is chosen already.
  await expect(page.getByLabel('Country')).toHaveValue('US');
  await page.getByLabel('Phone').fill('+1 555 010 0199');
}

test('a new address with Standard delivery: the order total includes shipping, and the next checkout offers the saved address', async ({ page, shopper }) => {
  await putInCart(shopper.id, 'ceramic-mug', 1);
  await signIn(page, shopper);
  await page.goto('/checkout');

  const standard = page.getByRole('radio', { name: /^Standard delivery/ });
  await expect(standard).toHaveAccessibleName(/\$4\.90/);
  await standard.check();
  await expect(page.getByTestId('order-subtotal')).toHaveText('$18.00');
  await expect(page.getByTestId('order-shipping')).toHaveText('$4.90');
  await expect(page.getByTestId('order-total')).toHaveText('$22.90');

  // Pay Now without an address: told beside the fields, nothing placed.
  await page.getByRole('radio', { name: /^Cash on Delivery/ }).check();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByLabel('Full name')).toHaveAccessibleDescription('Enter the name of the person receiving the order.');
  await expect(page.getByLabel('Phone')).toHaveAccessibleDescription(/Enter a phone number for the courier\./);

  await fillNewAddress(page);
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByRole('heading', { name: 'Order confirmed: pay on delivery' })).toBeVisible();
  const orderNumber = ((await page.getByTestId('order-number').textContent()) ?? '').trim();
  expect(orderNumber).toMatch(/^S\d{5}$/);
  await expect(page.getByTestId('order-subtotal')).toHaveText('$18.00');
  await expect(page.getByTestId('order-shipping')).toHaveText('$4.90');
  await expect(page.getByTestId('order-total')).toHaveText('$22.90');
  await expect(page.getByTestId('delivery-address')).toContainText('1 Main Street');
  await expect(page.getByTestId('delivery-address')).toContainText('United States');

  const [order] = await db.read.select().from(orders).where(eq(orders.number, orderNumber));
  expect(order).toMatchObject({
    amountTotal: 2290,
    amountShipping: 490,
    deliveryName: 'Sam Shopper',
    deliveryAddress: '1 Main Street',
    deliveryCity: 'Springfield',
    deliveryPostalCode: '12345',
    deliveryCountry: 'US',
    deliveryPhone: '+1 555 010 0199',
  });

  // The next checkout offers the address just used, chosen already; no fields to type.
  await putInCart(shopper.id, 'water-bottle', 1);
  await page.goto('/checkout');
  await page.getByRole('radio', { name: /^Standard delivery/ }).check();
  const saved = page.getByRole('radio', { name: /^Sam Shopper, 1 Main Street, 12345 Springfield, United States/ });
  await expect(saved).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Use a new address' })).not.toBeChecked();
  await expect(page.getByLabel('Full name')).toHaveCount(0);
  await page.getByRole('radio', { name: /^Cash on Delivery/ }).check();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByRole('heading', { name: 'Order confirmed: pay on delivery' })).toBeVisible();
  const second = ((await page.getByTestId('order-number').textContent()) ?? '').trim();
  const [secondOrder] = await db.read.select().from(orders).where(eq(orders.number, second));
  expect(secondOrder).toMatchObject({ deliveryAddress: '1 Main Street', amountShipping: 490 });
});

test('shipping is free from the free-above amount, and Pick up in store asks for no address', async ({ page, shopper }) => {
  await putInCart(shopper.id, 'ceramic-mug', 3);
  await signIn(page, shopper);
  await page.goto('/checkout');

  // 3 × 18.00 = 54.00 reaches Standard delivery's 50.00: free.
  const standard = page.getByRole('radio', { name: /^Standard delivery/ });
  await expect(standard).toHaveAccessibleName(/Free/);
  await standard.check();
  await expect(page.getByTestId('order-shipping')).toHaveText('Free');
  await expect(page.getByTestId('order-total')).toHaveText('$54.00');
  await expect(page.getByLabel('Full name')).toBeVisible();

  await page.getByRole('radio', { name: /^Express delivery/ }).check();
  await expect(page.getByTestId('order-total')).toHaveText('$66.90');

  await page.getByRole('radio', { name: /^Pick up in store/ }).check();
  await expect(page.getByLabel('Full name')).toHaveCount(0);
  await expect(page.getByTestId('order-total')).toHaveText('$54.00');
  await page.getByRole('radio', { name: /^Wire Transfer/ }).check();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByRole('heading', { name: /waiting for your wire transfer/ })).toBeVisible();
  await expect(page.getByTestId('order-total')).toHaveText('$54.00');
});

test('an item that ran out is named at checkout and Pay Now keeps the cart', async ({ page, shopper }) => {
  const lamp = await insertTestProduct(db, 4_000, { name: `Brass Lamp ${shopper.id}`, stock: 2 });
  const added = await addToCart(db, shopper.id, lamp.id, 2);
  if (!added.ok) throw new Error(added.message);
  // Someone else bought one meanwhile.
  await db.write((tx) => tx.update(products).set({ stock: 1 }).where(eq(products.id, lamp.id)));

  await signIn(page, shopper);
  await page.goto('/checkout');
  await expect(page.getByRole('alert').filter({ hasText: 'ran out' })).toContainText(`only 1 of ${lamp.name} left (your cart has 2)`);
  await page.getByRole('radio', { name: /^Pick up in store/ }).check();
  await page.getByRole('radio', { name: /^Cash on Delivery/ }).check();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Only 1 of ${lamp.name} left.` })).toHaveText(
    `Only 1 of ${lamp.name} left. Change the quantity in your cart and pay again.`,
  );
  await expect(page.getByRole('link', { name: 'Cart (2)' })).toBeVisible();
});
