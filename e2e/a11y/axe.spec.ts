import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from '../fixtures';
import { shopperStory } from '../phone/main-pages';

/** axe-core's WCAG 2 A and AA rules on the page as it is now: no serious or critical violation. */
async function expectNoSeriousViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(serious, `serious or critical axe-core violations on ${what}`).toEqual([]);
}

for (const { width, height, device } of [
  { width: 1280, height: 800, device: 'a desktop' },
  { width: 390, height: 844, device: 'a phone' },
]) {
  test.describe(`axe-core on ${device} (${width} px)`, () => {
    test.use({ viewport: { width, height } });

    test('the visitor pages: home and a product', async ({ page, shopper }) => {
      const { product } = await shopperStory(shopper);
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page, 'the home page');
      await page.goto(`/products/${product.slug}`);
      await expect(page.getByRole('heading', { name: product.name })).toBeVisible();
      await expectNoSeriousViolations(page, 'a product');
    });

    test('the shopper pages: cart, checkout, wallet, transactions, invoices, an invoice, an order', async ({ page, shopper }) => {
      test.setTimeout(120_000);
      const { order, invoice } = await shopperStory(shopper);
      await signIn(page, shopper);
      for (const { path, heading } of [
        { path: '/cart', heading: 'Cart' },
        { path: '/checkout', heading: 'Checkout' },
        { path: '/my/wallet', heading: 'My Wallet' },
        { path: '/my/wallet/transactions', heading: 'Wallet Transactions' },
        { path: '/my/invoices', heading: 'Invoices' },
        { path: `/my/invoices/${invoice.id}`, heading: `Invoice ${invoice.number}` },
        { path: `/my/orders/${order.number}`, heading: `Order ${order.number}` },
      ]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
        await expectNoSeriousViolations(page, path);
      }
    });

    test('the staff pages: dashboard (menu open on a phone), customers, pending top-ups', async ({ page, shopper, staff }) => {
      test.setTimeout(120_000);
      const { topUpReference } = await shopperStory(shopper);
      await signIn(page, staff);
      await page.goto('/admin');
      await expect(page.getByRole('heading', { name: 'Dashboard', exact: true })).toBeVisible();
      await expectNoSeriousViolations(page, 'the dashboard');
      const menu = page.getByRole('navigation', { name: 'Backend' }).getByRole('button', { name: 'Menu' });
      if (await menu.isVisible()) {
        await menu.click();
        await expect(menu).toHaveAttribute('aria-expanded', 'true');
        await expectNoSeriousViolations(page, 'the dashboard with the menu open');
      }
      // The sales chart's figures, opened.
      await page.getByText('Show the figures as a table').click();
      await expectNoSeriousViolations(page, 'the dashboard with the sales figures open');
      for (const { path, heading } of [
        { path: `/admin/customers?q=${encodeURIComponent(shopper.email)}`, heading: 'Customers' },
        { path: '/admin/customers', heading: 'Customers' },
        { path: `/admin/top-ups?q=${topUpReference}`, heading: 'Pending Top-ups' },
      ]) {
        await page.goto(path);
        await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
        await expectNoSeriousViolations(page, path);
      }
    });
  });
}
