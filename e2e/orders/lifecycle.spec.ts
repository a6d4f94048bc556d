import crypto from 'node:crypto';
import { getDatabase } from '@/db';
import { payOrderFromWallet, placeOrder } from '@/lib/checkout';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { stockOf } from '@/test/helpers/order-lifecycle';
import { expect, signIn, test } from '../fixtures';

const db = getDatabase();
const tag = () => crypto.randomUUID().slice(0, 6);

test('staff ship a paid order with a tracking number; the shopper sees Shipped and the number on My Orders', async ({ page, browser, shopper, staff }) => {
  await fundTestWallet(db, shopper.id, 10_000);
  await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 2_000, { name: `Lantern ${tag()}` }), quantity: 1 }]);
  const { order } = await payOrderFromWallet(db, shopper.id, { checkoutKey: crypto.randomUUID() });
  const tracking = `1Z${tag().toUpperCase()}999`;

  await signIn(page, staff);
  await page.goto(`/admin/orders?status=paid&q=${order.number}`);
  await expect(page.getByRole('row', { name: new RegExp(order.number) })).toContainText('Paid');
  await page.getByRole('link', { name: order.number }).click();
  const fulfilment = page.getByRole('region', { name: 'Fulfilment' });
  await fulfilment.getByRole('button', { name: 'Start processing' }).click();
  await expect(fulfilment.getByRole('status')).toContainText(`Order ${order.number} is being processed.`);
  await expect(page.getByTestId('order-status')).toHaveText('Processing');
  await fulfilment.getByLabel('Tracking number').fill(tracking);
  await fulfilment.getByRole('button', { name: 'Mark as shipped' }).click();
  await expect(fulfilment.getByRole('status')).toContainText(`Order ${order.number} is marked as shipped.`);
  await expect(page.getByTestId('order-tracking')).toHaveText(tracking);
  await expect(page.getByRole('table', { name: 'Status changes of this order' }).getByRole('row', { name: new RegExp(tracking) })).toContainText('Shipped');
  // A shipped order can no longer be cancelled.
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);

  const shopperContext = await browser.newContext();
  const shopperPage = await shopperContext.newPage();
  await signIn(shopperPage, shopper);
  await shopperPage.goto('/my/orders');
  const row = shopperPage.getByRole('row', { name: new RegExp(order.number) });
  await expect(row).toContainText('Shipped');
  await expect(row).toContainText(`Tracking: ${tracking}`);
  await row.getByRole('link', { name: order.number }).click();
  await expect(shopperPage.getByTestId('order-status')).toHaveText('Shipped');
  await expect(shopperPage.getByTestId('order-tracking')).toContainText(tracking);
  await expect(shopperPage.getByRole('heading', { name: 'Your order is on its way' })).toBeVisible();
  await expect(shopperPage.getByTestId('order-history')).toContainText('Order shipped');
  await shopperContext.close();
});

test('a shopper cancels their unpaid wire order: Cancelled, and the stock returns', async ({ page, shopper }) => {
  const product = await insertTestProduct(db, 2_500, { name: `Kettle ${tag()}`, stock: 3 });
  await fillTestCart(db, shopper.id, [{ product, quantity: 2 }]);
  const { order } = await placeOrder(db, shopper, { method: 'wire_transfer', checkoutKey: crypto.randomUUID() });
  expect(await stockOf(db, product.id)).toBe(1);

  await signIn(page, shopper);
  await page.goto(`/my/orders/${order.number}`);
  await expect(page.getByTestId('order-status')).toHaveText('Pending');
  const cancel = page.getByRole('region', { name: 'Cancel this order' });
  await cancel.getByRole('button', { name: 'Cancel order' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this order?' });
  await expect(dialog).toContainText(`Cancel order ${order.number} ($50.00)?`);
  await dialog.getByRole('button', { name: 'Cancel order' }).click();

  await expect(page.getByTestId('order-status')).toHaveText('Cancelled');
  await expect(page.getByRole('heading', { name: 'This order was cancelled' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Cancel this order' })).toHaveCount(0);
  await expect.poll(() => stockOf(db, product.id)).toBe(3);
  await page.goto('/my/orders');
  await expect(page.getByRole('row', { name: new RegExp(order.number) })).toContainText('Cancelled');
});

test('staff cancel a wallet-paid order: the wallet is credited once', async ({ page, browser, shopper, staff }) => {
  await fundTestWallet(db, shopper.id, 10_000);
  await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 3_000, { name: `Teapot ${tag()}` }), quantity: 2 }]);
  const { order } = await payOrderFromWallet(db, shopper.id, { checkoutKey: crypto.randomUUID() });

  await signIn(page, staff);
  await page.goto(`/admin/orders/${order.id}`);
  const cancel = page.getByRole('region', { name: 'Cancel Order' });
  await cancel.getByLabel('Reason').fill('Out of stock');
  await cancel.getByRole('button', { name: 'Cancel order' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this order?' });
  await expect(dialog).toContainText(`Cancel order ${order.number} of ${shopper.name} and refund $60.00?`);
  await expect(dialog).toContainText('Out of stock');
  await dialog.getByRole('button', { name: 'Cancel order' }).click();
  await expect(cancel.getByRole('status')).toContainText(`Order ${order.number} is cancelled: refunded $60.00 to the customer's wallet.`);
  await expect(page.getByTestId('order-status')).toHaveText('Cancelled');
  await expect(page.getByTestId('order-refunded')).toHaveText('$60.00');
  await expect(cancel.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
  // Back on the page later: nothing left to cancel or refund.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Refund to Wallet' })).toHaveCount(0);

  const shopperContext = await browser.newContext();
  const shopperPage = await shopperContext.newPage();
  await signIn(shopperPage, shopper);
  await shopperPage.goto('/my/wallet');
  await expect(shopperPage.getByTestId('wallet-available')).toHaveText('$100.00');
  await expect(shopperPage.getByRole('row', { name: new RegExp(`Refund for order ${order.number}: Out of stock`) })).toHaveCount(1);
  await shopperContext.close();
});
