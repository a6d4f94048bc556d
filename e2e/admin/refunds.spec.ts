import crypto from 'node:crypto';
import { getDatabase } from '@/db';
import { payOrderFromWallet, placeOrder } from '@/lib/checkout';
import { completePayment } from '@/lib/payments/complete';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { expect, signIn, test } from '../fixtures';

const db = getDatabase();

test('staff refund part of a paid order to the wallet, never more than is refundable', async ({ page, browser, shopper, staff }) => {
  await fundTestWallet(db, shopper.id, 10_000);
  await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 3_000, { name: `Refund test ${crypto.randomUUID().slice(0, 6)}` }), quantity: 2 }]);
  const { order } = await payOrderFromWallet(db, shopper.id, { checkoutKey: crypto.randomUUID() });

  await signIn(page, staff);
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Backend' }).getByRole('link', { name: 'Orders' }).click();
  await page.getByLabel('Search by order number or customer').fill(order.number);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('row', { name: new RegExp(order.number) })).toContainText('Paid');
  await page.getByRole('link', { name: order.number }).click();
  await expect(page.getByRole('heading', { name: `Order ${order.number}` })).toBeVisible();
  await expect(page.getByTestId('order-refundable')).toHaveText('$60.00');

  const refund = page.getByRole('region', { name: 'Refund to Wallet' });
  await refund.getByLabel('Amount').fill('15.50');
  await refund.getByLabel('Reason').fill('One mug arrived chipped');
  await refund.getByRole('button', { name: 'Refund to Wallet' }).click();
  await page.getByRole('dialog', { name: 'Refund to the wallet?' }).getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(refund.getByRole('status')).toContainText(`Refunded $15.50 of order ${order.number}`);
  await expect(page.getByTestId('order-refundable')).toHaveText('$44.50');
  await expect(page.getByTestId('order-refunded')).toHaveText('$15.50');
  const refunds = page.getByRole('table', { name: 'Refunds' });
  await expect(refunds.getByRole('row', { name: /One mug arrived chipped/ })).toContainText('$15.50');

  await refund.getByLabel('Amount').fill('44.51');
  await refund.getByLabel('Reason').fill('Too much');
  await refund.getByRole('button', { name: 'Refund to Wallet' }).click();
  await page.getByRole('dialog', { name: 'Refund to the wallet?' }).getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(refund.getByRole('status')).toContainText('at most $44.50');
  await expect(page.getByTestId('order-refundable')).toHaveText('$44.50');

  await page.getByRole('navigation', { name: 'Backend' }).getByRole('link', { name: 'Refunds' }).click();
  await page.getByLabel('Search by order number or customer').fill(shopper.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('row', { name: new RegExp(order.number) })).toContainText('$15.50');

  const shopperContext = await browser.newContext();
  const shopperPage = await shopperContext.newPage();
  await signIn(shopperPage, shopper);
  await shopperPage.goto('/my/wallet');
  await expect(shopperPage.getByTestId('wallet-available')).toHaveText('$55.50');
  await expect(shopperPage.getByRole('row', { name: new RegExp(`Refund for order ${order.number}: One mug arrived chipped`) })).toBeVisible();
  await shopperContext.close();
});

test('staff mark a cash-on-delivery order as paid once the money is in', async ({ page, shopper, staff }) => {
  await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 2_500), quantity: 1 }]);
  const { order } = await placeOrder(db, shopper, { method: 'cash_on_delivery', checkoutKey: crypto.randomUUID() });

  await signIn(page, staff);
  await page.goto(`/admin/orders?q=${order.number}`);
  await expect(page.getByRole('row', { name: new RegExp(order.number) })).toContainText('Pending');
  await page.getByRole('link', { name: order.number }).click();
  await expect(page.getByTestId('order-refundable')).toHaveText('$0.00');
  await page.getByRole('button', { name: 'Mark as Paid' }).click();
  await page.getByRole('dialog', { name: 'Mark as paid?' }).getByRole('button', { name: 'Mark as paid' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Order ${order.number} is marked as paid` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark as Paid' })).toHaveCount(0);
  await expect(page.getByTestId('order-refundable')).toHaveText('$25.00');
  await expect(page.getByRole('region', { name: 'Refund to Wallet' })).toBeVisible();
});

test('staff refund a Wallet and Card order to its original payment methods: card first, the rest to the wallet', async ({ page, shopper, staff }) => {
  await fundTestWallet(db, shopper.id, 10_000);
  await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 15_000, { name: `Split refund ${crypto.randomUUID().slice(0, 6)}` }), quantity: 1 }]);
  const { order, payment } = await placeOrder(db, shopper, { method: 'wallet_and_card', checkoutKey: crypto.randomUUID() });
  await db.write((tx) => completePayment(tx, payment.id));

  await signIn(page, staff);
  await page.goto(`/admin/orders/${order.id}`);
  await expect(page.getByTestId('order-refundable')).toHaveText('$150.00');
  await expect(page.getByTestId('order-card-refundable')).toHaveText('$50.00');

  const refund = page.getByRole('region', { name: 'Refund to Original Payment Methods' });
  await refund.getByLabel('Amount').fill('80.00');
  await refund.getByLabel('Reason').fill('Returned unopened');
  await refund.getByRole('button', { name: 'Refund to original payment methods' }).click();
  await page.getByRole('dialog', { name: 'Refund to the original payment methods?' }).getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(refund.getByRole('status')).toContainText(`Refunded $50.00 to the card and $30.00 to the customer's wallet for order ${order.number}.`);
  await expect(page.getByTestId('order-refunded')).toHaveText('$80.00');
  await expect(page.getByTestId('order-refundable')).toHaveText('$70.00');
  await expect(page.getByTestId('order-card-refundable')).toHaveText('$0.00');
  const refunds = page.getByRole('table', { name: 'Refunds' });
  await expect(refunds.getByRole('row', { name: /Card/ })).toContainText('$50.00');
  await expect(refunds.getByRole('row', { name: /Wallet/ })).toContainText('$30.00');

  await refund.getByLabel('Amount').fill('70.01');
  await refund.getByLabel('Reason').fill('Too much');
  await refund.getByRole('button', { name: 'Refund to original payment methods' }).click();
  await page.getByRole('dialog', { name: 'Refund to the original payment methods?' }).getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(refund.getByRole('status')).toContainText('at most $70.00');
  await expect(page.getByTestId('order-refunded')).toHaveText('$80.00');
});
