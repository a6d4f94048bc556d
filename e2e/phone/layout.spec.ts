import { expect, signIn, test } from '../fixtures';
import { expectAmountsOnScreen, expectNoSidewaysScroll, expectOnScreen, expectTapTarget, shopperStory } from './main-pages';

// A phone: 390 px wide (iPhone 12 to 15).
test.use({ viewport: { width: 390, height: 844 } });

test('a visitor on a phone: the home page and a product fit, the header reaches cart, language and sign in', async ({ page, shopper }) => {
  const { product } = await shopperStory(shopper);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(page);
  const header = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Cart', 'Sign in']) {
    await expectOnScreen(page, header.getByRole('link', { name, exact: true }));
    await expectTapTarget(header.getByRole('link', { name, exact: true }));
  }
  const language = page.getByRole('form', { name: 'Language' });
  for (const name of ['English', 'Türkçe']) {
    await expectOnScreen(page, language.getByRole('button', { name }));
    await expectTapTarget(language.getByRole('button', { name }));
  }

  await page.goto(`/products/${product.slug}`);
  await expect(page.getByRole('heading', { name: product.name })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectOnScreen(page, page.getByTestId('product-price'));
  await expectOnScreen(page, page.getByRole('button', { name: 'Add to Cart' }));
});

test('a shopper on a phone: cart, checkout, wallet, transactions, invoices and an order fit, amounts on screen', async ({ page, shopper }) => {
  test.setTimeout(120_000);
  const { order, invoice } = await shopperStory(shopper);
  await signIn(page, shopper);
  const header = page.getByRole('navigation', { name: 'Main' });
  await expectOnScreen(page, header.getByRole('link', { name: /^Cart/ }));
  await expectOnScreen(page, header.getByRole('link', { name: 'Wallet', exact: true }));
  await expectOnScreen(page, header.getByRole('button', { name: 'Sign out' }));
  await expectTapTarget(header.getByRole('button', { name: 'Sign out' }));

  // Cart: each line a card; the line totals and the order total on screen.
  await page.goto('/cart');
  await expect(page.getByRole('heading', { name: 'Cart' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAmountsOnScreen(page, page.getByTestId('cart-line').last());
  await expectOnScreen(page, page.getByTestId('cart-total'));

  // Checkout: the summary's last line and the total.
  await page.goto('/checkout');
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  const summary = page.getByRole('table', { name: 'Order summary' });
  await expectAmountsOnScreen(page, summary.locator('tbody tr').last());
  await expectOnScreen(page, page.getByTestId('order-total'));
  await expectOnScreen(page, page.getByRole('button', { name: 'Pay Now' }));

  // My Wallet: the balance, and Credit / Debit / Balance of the last row.
  await page.goto('/my/wallet');
  await expect(page.getByRole('heading', { name: 'My Wallet' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectOnScreen(page, page.getByTestId('wallet-balance'));
  const recent = page.getByRole('table', { name: 'Wallet transactions' }).locator('tbody tr');
  await expectAmountsOnScreen(page, recent.last());
  await expectAmountsOnScreen(page, recent.first());

  // Wallet Transactions: the same columns on every row.
  await page.getByRole('link', { name: 'Balance' }).click();
  await expect(page.getByRole('heading', { name: 'Wallet Transactions' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  const history = page.getByRole('table', { name: 'Wallet transactions' }).locator('tbody tr');
  await expectAmountsOnScreen(page, history.last());
  await expectOnScreen(page, history.last().getByRole('cell', { name: /\$1,234\.56/ }).first());

  // My Invoices, then the invoice: its lines, totals and the amount due.
  await page.goto('/my/invoices');
  await expect(page.getByRole('heading', { name: 'Invoices' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  const invoices = page.getByRole('table', { name: 'Invoices' }).locator('tbody tr');
  await expectAmountsOnScreen(page, invoices.last());
  await expectAmountsOnScreen(page, page.getByRole('row', { name: new RegExp(invoice.number) }));
  await page.getByRole('link', { name: invoice.number }).click();
  await expect(page.getByRole('heading', { name: `Invoice ${invoice.number}` })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectOnScreen(page, page.getByTestId('amount-due'));
  await expectOnScreen(page, page.getByTestId('invoice-total'));
  const lines = page.getByRole('region', { name: 'Lines' }).locator('tbody tr');
  await expect(lines).toHaveCount(2);
  await expectAmountsOnScreen(page, lines.last());

  // The order: its summary.
  await page.goto(`/my/orders/${order.number}`);
  await expect(page.getByRole('heading', { name: `Order ${order.number}` })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectOnScreen(page, page.getByTestId('order-total'));
  await expectOnScreen(page, page.getByTestId('order-status'));
});

test('staff on a phone: the backend menu folds behind Menu; dashboard, Customers and Pending Top-ups fit', async ({ page, shopper, staff }) => {
  test.setTimeout(120_000);
  const { topUpReference } = await shopperStory(shopper);
  await signIn(page, staff);

  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  const backend = page.getByRole('navigation', { name: 'Backend' });
  const menu = backend.getByRole('button', { name: 'Menu' });
  await expectTapTarget(menu);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(backend.getByRole('link', { name: 'Customers' })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  const controlled = await menu.getAttribute('aria-controls');
  await expect(page.locator(`[id="${controlled}"]`)).toBeVisible();
  await expectTapTarget(backend.getByRole('link', { name: 'Customers' }));
  await expectNoSidewaysScroll(page);
  await backend.getByRole('link', { name: 'Customers' }).click();

  // Customers: choosing a section folds the menu again.
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await page.goto(`/admin/customers?q=${encodeURIComponent(shopper.email)}`);
  await expectNoSidewaysScroll(page);
  const customer = page.getByRole('table', { name: 'Customers' }).getByRole('row', { name: new RegExp(shopper.name) });
  await expectAmountsOnScreen(page, customer);

  // Pending Top-ups: the amount and the row's Confirm and Reject on screen, 44 px targets.
  await page.goto(`/admin/top-ups?q=${topUpReference}`);
  await expect(page.getByRole('heading', { name: 'Pending Top-ups' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  const row = page.getByRole('row', { name: new RegExp(topUpReference) });
  await expectAmountsOnScreen(page, row);
  for (const name of ['Confirm', 'Reject']) {
    await expectOnScreen(page, row.getByRole('button', { name, exact: true }));
    await expectTapTarget(row.getByRole('button', { name, exact: true }));
  }
  await row.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(page.getByLabel(`Reason for rejecting ${topUpReference}`)).toBeVisible();
  await expectNoSidewaysScroll(page);
});
