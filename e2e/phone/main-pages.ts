import crypto from 'node:crypto';
import { expect, type Locator, type Page } from '@playwright/test';
import { getDatabase } from '@/db';
import { payOrderFromWallet } from '@/lib/checkout';
import { issueInvoice } from '@/lib/invoices/create';
import { startTopUp } from '@/lib/wallet/top-ups';
import { fillTestCart, insertTestProduct } from '@/test/helpers/checkout';
import type { TestUser } from '../fixtures';
import { fundWallet } from '../fixtures/wallet';

const db = getDatabase();

export type ShopperStory = {
  /** A product with a long name, on sale. */
  product: { slug: string; name: string };
  order: { number: string };
  invoice: { id: number; number: string };
  /** A wire top-up waiting for staff. */
  topUpReference: string;
};

/**
 * What the main pages show when they have something to show: a wallet with two top-ups and a
 * payment, a paid order, an invoice, a wire top-up waiting for staff, and a cart of two lines
 * (long names and four-digit amounts, the widest a phone has to fit).
 */
export async function shopperStory(shopper: TestUser): Promise<ShopperStory> {
  const tag = crypto.randomUUID().slice(0, 6);
  await fundWallet(shopper.id, 123_456);
  await fundWallet(shopper.id, 56_789);
  const bowl = await insertTestProduct(db, 104_950, { name: `Hand-thrown stoneware serving bowl, large ${tag}` });
  const mug = await insertTestProduct(db, 1_250, { name: `Enamel camping mug ${tag}` });
  await fillTestCart(db, shopper.id, [{ product: bowl, quantity: 1 }]);
  const { order } = await payOrderFromWallet(db, shopper.id, { checkoutKey: crypto.randomUUID() });
  const invoice = await issueInvoice(db, {
    userId: shopper.id,
    currency: 'USD',
    lines: [
      { description: `Espresso machine service and descaling ${tag}`, quantity: 2, unitPriceMinor: 98_765 },
      { description: 'Replacement group gasket', quantity: 1, unitPriceMinor: 1_999 },
    ],
  });
  const started = await startTopUp(db, shopper, { amount: '1234.50', method: 'wire_transfer', attemptKey: crypto.randomUUID() });
  if (started.status !== 'pending') throw new Error('expected a pending wire top-up');
  await fillTestCart(db, shopper.id, [
    { product: bowl, quantity: 2 },
    { product: mug, quantity: 12 },
  ]);
  return {
    product: { slug: bowl.slug, name: bowl.name },
    order: { number: order.number },
    invoice: { id: invoice.id, number: invoice.number },
    topUpReference: started.payment.reference,
  };
}

/** The page does not scroll sideways: nothing is wider than the window. */
export async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(innerWidth);
}

/** Shown, and all of it between the window's left and right edges. */
export async function expectOnScreen(page: Page, locator: Locator) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box, 'no box').not.toBeNull();
  expect(box!.x, 'starts left of the window').toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, 'ends right of the window').toBeLessThanOrEqual(width + 0.5);
}

/** Every cell of the row with an amount in it is on screen. */
export async function expectAmountsOnScreen(page: Page, row: Locator) {
  const amounts = row.getByRole('cell').filter({ hasText: /\$\d/ });
  await expect(amounts.first()).toBeVisible();
  for (const cell of await amounts.all()) await expectOnScreen(page, cell);
}

/** A tap target at least 44 px high and wide (WCAG 2.5.5). */
export async function expectTapTarget(locator: Locator) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box!.height, 'a tap target at least 44 px high').toBeGreaterThanOrEqual(44);
  expect(box!.width, 'a tap target at least 44 px wide').toBeGreaterThanOrEqual(44);
}
