import type { Page } from '@playwright/test';
import { getDatabase } from '@/db';
import { issueInvoice } from '@/lib/invoices/create';
import { createTestUser, expect, signIn, test } from '../fixtures';
import { fundWallet } from '../fixtures/wallet';

function invoiceFor(userId: number, unitPriceMinor: number, description = 'Espresso machine service') {
  return issueInvoice(getDatabase(), { userId, currency: 'USD', lines: [{ description, quantity: 1, unitPriceMinor }] });
}

async function openInvoiceFromMyAccount(page: Page, number: string) {
  await page.getByRole('link', { name: 'My Account' }).click();
  await page.getByRole('link', { name: /^Invoices/ }).click();
  await expect(page.getByRole('heading', { name: 'Invoices' })).toBeVisible();
  await page.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { name: `Invoice ${number}` })).toBeVisible();
}

const walletChoice = (page: Page) => page.getByRole('radio', { name: /^Wallet \(balance/ });
const partialChoice = (page: Page) => page.getByRole('radio', { name: /^Wallet — pay the/ });

test('a shopper pays an invoice with the wallet: Paid, balance reduced by its amount', async ({ page, shopper }) => {
  await fundWallet(shopper.id, 100_000);
  const invoice = await invoiceFor(shopper.id, 75_000);
  await signIn(page, shopper);
  await page.getByRole('link', { name: 'My Account' }).click();
  await page.getByRole('link', { name: /^Invoices/ }).click();
  const row = page.getByRole('row', { name: new RegExp(invoice.number) });
  await expect(row).toContainText('$750.00');
  await expect(row.getByRole('cell').last()).toHaveText('Not Paid');
  await row.getByRole('link', { name: invoice.number }).click();

  await expect(page.getByTestId('amount-due')).toHaveText('$750.00');
  await expect(page.getByText('No payments yet.')).toBeVisible();
  await expect(walletChoice(page)).toHaveAccessibleName('Wallet (balance $1,000.00)');
  await expect(walletChoice(page)).toBeChecked();
  await expect(partialChoice(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Pay Now' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Paid $750.00 from your wallet' })).toBeVisible();
  await expect(page.getByTestId('invoice-status')).toHaveText('Paid');
  await expect(page.getByTestId('amount-due')).toHaveText('$0.00');
  const payments = page.getByRole('region', { name: 'Payments applied' });
  await expect(payments.getByRole('row', { name: /Wallet/ })).toContainText('$750.00');
  await expect(page.getByRole('button', { name: 'Pay Now' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Back to Invoices' }).click();
  await expect(page.getByRole('row', { name: new RegExp(invoice.number) }).getByRole('cell').last()).toHaveText('Paid');
  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$250.00');
  await expect(page.getByRole('cell', { name: `Payment of invoice ${invoice.number}` })).toBeVisible();
});

test('a short wallet pays part now (Partially Paid), is topped up, then pays the rest (Paid)', async ({ page, shopper }) => {
  await fundWallet(shopper.id, 24_250);
  const invoice = await invoiceFor(shopper.id, 75_000);
  await signIn(page, shopper);
  await openInvoiceFromMyAccount(page, invoice.number);

  await expect(walletChoice(page)).toBeDisabled();
  await expect(walletChoice(page)).toHaveAccessibleDescription('Not enough to pay the $750.00 due.');
  await expect(partialChoice(page)).toHaveAccessibleName('Wallet — pay the $242.50 you have now and the rest later');
  const topUp = page.getByRole('link', { name: 'Add $507.50 to your wallet' });
  await expect(topUp).toHaveAttribute('href', `/my/wallet/add?amount=507.50&return=/my/invoices/${invoice.id}`);

  await partialChoice(page).check();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Paid $242.50 from your wallet' })).toBeVisible();
  await expect(page.getByTestId('invoice-status')).toHaveText('Partially Paid');
  await expect(page.getByTestId('amount-due')).toHaveText('$507.50');
  await expect(walletChoice(page)).toHaveAccessibleName('Wallet (balance $0.00)');
  await expect(walletChoice(page)).toBeDisabled();
  await expect(partialChoice(page)).toHaveCount(0);

  // Fund more through the prefilled top-up link and the Demo card, then come back.
  await page.getByRole('link', { name: 'Add $507.50 to your wallet' }).click();
  await expect(page.getByLabel('Amount')).toHaveValue('507.50');
  await page.getByRole('radio', { name: /^Card/ }).check();
  await page.getByRole('button', { name: 'Proceed to Add Money' }).click();
  await page.getByLabel('Name on card').fill('Sam Shopper');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM/YY)').fill('12/30');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByTestId('new-balance')).toHaveText('$507.50');
  await page.getByRole('link', { name: 'Continue where you were' }).click();

  await expect(walletChoice(page)).toHaveAccessibleName('Wallet (balance $507.50)');
  await expect(walletChoice(page)).toBeChecked();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByTestId('invoice-status')).toHaveText('Paid');
  await expect(page.getByTestId('amount-due')).toHaveText('$0.00');
  const amounts = page.getByRole('region', { name: 'Payments applied' }).getByRole('row');
  await expect(amounts).toHaveCount(3);
  await expect(amounts.nth(1)).toContainText('$242.50');
  await expect(amounts.nth(2)).toContainText('$507.50');
  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('$0.00');
});

test('an invoice is paid by card (Demo) and the outcome page leads back to it', async ({ page, shopper }) => {
  const invoice = await invoiceFor(shopper.id, 4_500, 'Descaling kit');
  await signIn(page, shopper);
  await page.goto(`/my/invoices/${invoice.id}`);
  await expect(walletChoice(page)).toBeDisabled();
  await expect(walletChoice(page)).toHaveAccessibleDescription('Your wallet is empty.');
  await page.getByRole('radio', { name: /^Card/ }).check();
  await page.getByRole('button', { name: 'Pay Now' }).click();
  await expect(page.getByText('Demo', { exact: true })).toBeVisible();
  await page.getByLabel('Name on card').fill('Sam Shopper');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM/YY)').fill('12/30');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: 'Pay $45.00' }).click();

  await expect(page.getByRole('heading', { name: 'Invoice payment received' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `$45.00 was paid towards invoice ${invoice.number}` })).toBeVisible();
  await page.getByRole('link', { name: `Back to invoice ${invoice.number}` }).click();
  await expect(page.getByTestId('invoice-status')).toHaveText('Paid');
  await expect(page.getByRole('region', { name: 'Payments applied' }).getByRole('row', { name: /Card \(Demo\)/ })).toContainText('$45.00');
});

test('Download PDF gives a real PDF to the owner only; another shopper gets 404', async ({ page, shopper, browser }) => {
  const invoice = await invoiceFor(shopper.id, 12_345, 'Barista workshop');
  await signIn(page, shopper);
  await page.goto(`/my/invoices/${invoice.id}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
  expect(download.suggestedFilename()).toBe(`${invoice.number.replaceAll('/', '-')}.pdf`);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  expect(Buffer.concat(chunks).subarray(0, 4).toString('latin1')).toBe('%PDF');

  const stranger = await createTestUser();
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, stranger);
  await other.goto(`/my/invoices/${invoice.id}`);
  await expect(other.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  expect((await other.request.get(`/my/invoices/${invoice.id}/pdf`)).status()).toBe(404);
  await other.goto('/my/invoices');
  await expect(other.getByText('You have no invoices yet.')).toBeVisible();
  await context.close();
});

test('the invoice list shows 10 invoices a page', async ({ page, shopper }) => {
  // One after another: the list shows the newest first, by number.
  const created = [];
  for (let i = 0; i < 12; i += 1) created.push(await invoiceFor(shopper.id, 1_000 + i));
  await signIn(page, shopper);
  await page.goto('/my/invoices');
  const body = page.getByRole('table', { name: 'Invoices' }).locator('tbody tr');
  await expect(body).toHaveCount(10);
  await expect(body.first()).toContainText(created[11]?.number ?? '');
  await page.getByRole('navigation', { name: 'Invoice pages' }).getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/my\/invoices\?page=2$/);
  await expect(body).toHaveCount(2);
  await expect(body.last()).toContainText(created[0]?.number ?? '');
});
