import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Download } from '@playwright/test';
import { getDatabase } from '@/db';
import { invoices } from '@/db/schema';
import { payOrderFromWallet } from '@/lib/checkout';
import { refundOrderToWallet } from '@/lib/refunds/to-wallet';
import { dayOf } from '@/lib/reports/days';
import { getSettings } from '@/lib/settings';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { createTestUser, expect, signIn, test } from '../fixtures';

const db = getDatabase();

/** A paid wallet order of $60.00 (two $30.00 mugs) and the invoice the shop issued for it. */
async function paidOrderWithInvoice(shopperId: number) {
  await fundTestWallet(db, shopperId, 10_000);
  const product = await insertTestProduct(db, 3_000, { name: `Credit note mug ${crypto.randomUUID().slice(0, 6)}` });
  await fillTestCart(db, shopperId, [{ product, quantity: 2 }]);
  const { order } = await payOrderFromWallet(db, shopperId, { checkoutKey: crypto.randomUUID() });
  const [invoice] = await db.read
    .select()
    .from(invoices)
    .where(and(eq(invoices.orderId, order.id), eq(invoices.kind, 'invoice')));
  if (!invoice) throw new Error('Automatic Invoice issued no invoice for the order.');
  return { order, invoice };
}

async function contentOf(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

test('staff open an invoice, credit a refunded order in full, and the shopper sees it Refunded with its credit note', async ({ page, browser, shopper, staff }) => {
  const { order, invoice } = await paidOrderWithInvoice(shopper.id);

  await signIn(page, staff);
  await page.goto('/admin/invoices');
  await page.getByLabel('Search by number or customer').fill(invoice.number);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: invoice.number }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${invoice.number}` })).toBeVisible();
  await expect(page.getByTestId('invoice-status')).toHaveText('Paid');
  await expect(page.getByRole('link', { name: order.number, exact: true })).toHaveAttribute('href', `/admin/orders/${order.id}`);

  // Nothing was refunded yet: no form, a pointer to the order instead.
  const credit = page.getByRole('region', { name: 'Issue a credit note' });
  await expect(credit.getByTestId('nothing-creditable')).toContainText(`order ${order.number}`);
  await expect(credit.getByRole('button', { name: 'Issue Credit Note' })).toHaveCount(0);

  const refunded = await refundOrderToWallet(db, { orderId: order.id, amount: 6_000, staffId: staff.id, reason: 'Returned', attemptKey: crypto.randomUUID() });
  expect(refunded.status).toBe('refunded');
  await page.reload();
  await expect(credit).toContainText('A credit note can take back up to $60.00.');
  await expect(credit.getByLabel('Amount to credit')).toHaveValue('60.00');

  // More than was refunded is refused beside the field before any dialog opens.
  await credit.getByLabel('Amount to credit').fill('60.01');
  await credit.getByLabel('Reason').fill('Both mugs came back');
  await credit.getByRole('button', { name: 'Issue Credit Note' }).click();
  await expect(credit.getByLabel('Amount to credit')).toHaveAccessibleDescription(/At most \$60\.00 can be credited\./);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await credit.getByLabel('Amount to credit').fill('60.00');
  await credit.getByRole('button', { name: 'Issue Credit Note' }).click();
  const dialog = page.getByRole('dialog', { name: 'Issue a credit note?' });
  await expect(dialog).toContainText(`A credit note will take back $60.00 of invoice ${invoice.number} for ${shopper.name}.`);
  await dialog.getByRole('button', { name: 'Issue Credit Note' }).click();
  await expect(credit.getByRole('status')).toContainText(new RegExp(`Credit note RINV/\\d{4}/\\d{5} issued: \\$60\\.00 taken back of invoice ${invoice.number.replaceAll('/', '\\/')}\\.`));
  await expect(page.getByTestId('invoice-status')).toHaveText('Refunded');
  await expect(page.getByTestId('invoice-credited')).toHaveText('$60.00');

  const notes = page.getByRole('region', { name: 'Credit notes' });
  const noteLink = notes.getByRole('link', { name: /^RINV\/\d{4}\/\d{5}$/ });
  await expect(noteLink).toHaveCount(1);
  const noteNumber = (await noteLink.textContent()) ?? '';
  await noteLink.click();
  await expect(page.getByRole('heading', { level: 1, name: `Credit note ${noteNumber}` })).toBeVisible();
  await expect(page.getByTestId('credited-invoice')).toContainText(invoice.number);
  await expect(page.getByTestId('credit-total')).toHaveText('$60.00');
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
  expect(pdf.suggestedFilename()).toBe(`${noteNumber.replaceAll('/', '-')}.pdf`);
  expect((await contentOf(pdf)).subarray(0, 4).toString('latin1')).toBe('%PDF');

  const shopperContext = await browser.newContext();
  const shopperPage = await shopperContext.newPage();
  await signIn(shopperPage, shopper);
  await shopperPage.goto('/my/invoices');
  const row = shopperPage.getByRole('row', { name: new RegExp(invoice.number) });
  await expect(row.getByRole('cell').last()).toHaveText('Refunded');
  await row.getByRole('link', { name: invoice.number }).click();
  await expect(shopperPage.getByTestId('invoice-status')).toHaveText('Refunded');
  await expect(shopperPage.getByRole('region', { name: 'Credit notes' }).getByRole('row', { name: new RegExp(noteNumber) })).toContainText('$60.00');
  await expect(shopperPage.getByRole('region', { name: 'Tax by rate' })).toBeVisible();
  await shopperContext.close();
});

test('staff download the orders placed today as CSV from the Reports page; a shopper may not', async ({ page, browser, shopper, staff }) => {
  const { order } = await paidOrderWithInvoice(shopper.id);
  const { timeZone } = await getSettings(db.read);
  const today = dayOf(Date.now(), timeZone);

  await signIn(page, staff);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Reports (CSV)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await page.getByLabel('From', { exact: true }).fill(today);
  await page.getByLabel('To', { exact: true }).fill(today);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download orders (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe(`orders-${today}-to-${today}.csv`);
  const csv = (await contentOf(download)).toString('utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).split('\r\n');
  expect(lines[0]).toBe(`Order,Placed (${timeZone}),Paid (${timeZone}),Status,Payment method,Customer,Email,Delivery country,Net,Tax,Shipping (gross),Total,Refunded,Currency`);
  const line = lines.find((text) => text.startsWith(`${order.number},`));
  expect(line).toContain(`,Paid,Wallet,${shopper.name},${shopper.email},`);
  expect(line).toContain(',60.00,0.00,USD');

  // The last day before the first is sent back to the page, said beside the field.
  await page.getByLabel('From', { exact: true }).fill(today);
  await page.getByLabel('To', { exact: true }).fill('2000-01-01');
  await page.getByRole('button', { name: 'Download invoices (CSV)' }).click();
  await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription('The last day cannot be before the first.');

  const stranger = await createTestUser();
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, stranger);
  expect((await other.request.get(`/admin/reports/orders?from=${today}&to=${today}`)).status()).toBe(403);
  await context.close();
});
