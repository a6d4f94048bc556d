// No English left in the Turkish shop: every shopper and staff page, opened in Turkish (the
// NEXT_LOCALE cookie), must not show a word that the English catalogue has and the Turkish one
// has not. Data is not UI: product names, people's names, invoice lines, bank details, emails,
// references and amounts are left out.
import crypto from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import { getDatabase } from '@/db';
import { categories, invoiceLines, invoices, orders, products, users } from '@/db/schema';
import { createApiKey } from '@/lib/api/secrets';
import { createApmPaymentIn } from '@/lib/apm-payments';
import { openPaymentPage, type OpenPaymentPageInput } from '@/lib/payment-pages/pages';
import { getSettings } from '@/lib/settings';
import { requestWithdrawal } from '@/lib/withdrawals/request';
import { fundWallet } from '../fixtures/wallet';
import { catalogueValues, chooseTurkish, demoShopper, demoStaff, expect, payWithDemoCardTr, signInTr, test, tr } from './fixtures';

/** The words of catalogue values, without ICU syntax (argument names, plural and select cases) or rich-text tags. */
function wordsOf(values: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const value of values) {
    const text = value
      .replace(/<\/?\w+>/g, ' ')
      // Plain placeholders first ("bakiyeniz {balance}"), so that a word before one is not taken for a case name.
      .replace(/\{\s*\w+\s*\}/g, ' ')
      .replace(/\{\s*\w+\s*,\s*(plural|select|selectordinal|number|date|time)\s*,?/g, ' ')
      .replace(/(^|[\s}])[\w=]+\s*\{/g, ' ');
    for (const word of text.match(/\p{L}{3,}/gu) ?? []) words.add(word.toLowerCase());
  }
  return words;
}

const englishOnly = (() => {
  const turkish = wordsOf(catalogueValues('tr'));
  return new Set([...wordsOf(catalogueValues('en'))].filter((word) => !turkish.has(word)));
})();

/** Words that are data, not UI: names of products and people, invoice lines, bank details, the brand. */
async function dataWords(): Promise<Set<string>> {
  const db = getDatabase().read;
  const texts = [
    'Coffer',
    ...(await db.select({ name: products.name, description: products.description }).from(products)).flatMap((p) => [p.name, p.description]),
    ...(await db.select({ name: users.name }).from(users)).map((u) => u.name),
    ...(await db.select({ description: invoiceLines.description }).from(invoiceLines)).map((l) => l.description),
  ];
  const { bankAccountHolder, bankName, currency } = await getSettings(db);
  // The shop's currency code (TRY) is shown as is in both languages.
  texts.push(bankAccountHolder, bankName, currency);
  return new Set(texts.flatMap((text) => text.match(/\p{L}{3,}/gu) ?? []).map((word) => word.toLowerCase()));
}

/** What a person reads on the page: its visible text, its title, and the labels only screen readers announce. */
async function readableText(page: Page): Promise<string> {
  const visible = await page.locator('body').innerText();
  const labels = await page.$$eval('[aria-label], [placeholder], [title], img[alt]', (elements) =>
    elements.flatMap((element) => ['aria-label', 'placeholder', 'title', 'alt'].map((name) => element.getAttribute(name) ?? '')),
  );
  return [await page.title(), visible, ...labels].join('\n');
}

/** English UI words on the page, each with the line it was found on. */
async function englishOn(page: Page, ignored: Set<string>): Promise<string[]> {
  const found: string[] = [];
  for (const line of (await readableText(page)).split('\n')) {
    const cleaned = line.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' '); // emails
    for (const match of cleaned.matchAll(/(?<![\p{L}\p{N}])\p{L}{3,}(?![\p{L}\p{N}])/gu)) {
      const word = match[0].toLowerCase();
      if (englishOnly.has(word) && !ignored.has(word)) found.push(`"${match[0]}" in: ${line.trim().slice(0, 120)}`);
    }
  }
  return found;
}

async function crawl(page: Page, paths: readonly string[]) {
  const ignored = await dataWords();
  const problems: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
    for (const problem of await englishOn(page, ignored)) problems.push(`${path}: ${problem}`);
  }
  return problems;
}

test('the catalogues give the crawl something to look for', () => {
  expect(englishOnly.size).toBeGreaterThan(100);
  for (const word of ['wallet', 'balance', 'invoice']) expect(englishOnly.has(word)).toBe(true);
});

test('a visitor sees no English', async ({ page }) => {
  const [product] = await getDatabase().read.select({ slug: products.slug }).from(products).limit(1);
  const [category] = await getDatabase().read.select({ slug: categories.slug }).from(categories).limit(1);
  const problems = await crawl(page, [
    '/',
    `/products/${product?.slug ?? 'ceramic-mug'}`,
    ...(category ? [`/category/${category.slug}`] : []),
    '/search?q=fincan&sort=price_asc',
    '/search?q=zzzz',
    '/cart',
    '/sign-in',
    '/register',
    '/forgot-password',
    '/reset-password?token=unknown',
    '/no-such-page',
  ]);
  expect(problems).toEqual([]);
});

test('a shopper sees no English on any page of theirs', async ({ page }) => {
  test.setTimeout(180_000);
  const db = getDatabase().read;
  const [shopper] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoShopper.email));
  if (!shopper) throw new Error('the Turkish demo shop is seeded with shopper@example.com');
  const [order] = await db.select({ number: orders.number }).from(orders).where(eq(orders.userId, shopper.id)).orderBy(desc(orders.id)).limit(1);
  const [invoice] = await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.userId, shopper.id)).orderBy(desc(invoices.id)).limit(1);
  const [unpaid] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.userId, shopper.id), eq(invoices.paymentState, 'not_paid')))
    .limit(1);

  await signInTr(page, demoShopper);
  const problems = await crawl(page, [
    '/',
    '/cart',
    '/checkout',
    '/my',
    '/my/wallet',
    '/my/wallet/add',
    '/my/wallet/transactions',
    '/my/orders',
    ...(order ? [`/my/orders/${order.number}`] : []),
    '/my/invoices',
    '/my/account',
    ...(invoice ? [`/my/invoices/${invoice.id}`] : []),
    ...(unpaid ? [`/my/invoices/${unpaid.id}`] : []),
    '/admin', // a shopper gets the 403 page
  ]);

  // The Demo card page and its outcome, reached the way a shopper reaches them.
  await page.goto('/my/wallet/add');
  await page.getByLabel('Tutar', { exact: true }).fill('12,50');
  await page.getByRole('radio', { name: /^Kart/ }).check();
  await page.getByRole('button', { name: 'Para Yüklemeye Devam Et' }).click();
  await expect(page).toHaveURL(/\/pay\/demo\//);
  problems.push(...(await englishOn(page, await dataWords())).map((problem) => `${page.url()}: ${problem}`));
  await payWithDemoCardTr(page, '₺12,50');
  await expect(page).toHaveURL(/\/payments\//);
  await expect(page.getByTestId('new-balance')).toBeVisible();
  problems.push(...(await englishOn(page, await dataWords())).map((problem) => `${page.url()}: ${problem}`));

  expect(problems).toEqual([]);
});

test('staff see no English in the backend', async ({ page }) => {
  test.setTimeout(180_000);
  const db = getDatabase().read;
  const [shopper] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoShopper.email));
  const [order] = await db.select({ id: orders.id }).from(orders).orderBy(desc(orders.id)).limit(1);
  const [product] = await db.select({ id: products.id }).from(products).limit(1);
  const [invoice] = await db.select({ id: invoices.id }).from(invoices).orderBy(desc(invoices.id)).limit(1);
  await signInTr(page, demoStaff);
  const problems = await crawl(page, [
    '/admin',
    '/admin/top-ups',
    '/admin/customers',
    ...(shopper ? [`/admin/customers/${shopper.id}`] : []),
    '/admin/orders',
    ...(order ? [`/admin/orders/${order.id}`] : []),
    '/admin/invoices',
    ...(invoice ? [`/admin/invoices/${invoice.id}`] : []),
    '/admin/invoices/new',
    '/admin/refunds',
    '/admin/products',
    '/admin/products?view=archived',
    '/admin/products/new',
    ...(product ? [`/admin/products/${product.id}`] : []),
    '/admin/categories',
    '/admin/reports',
    '/admin/staff',
    '/admin/outbox',
    '/admin/settings',
    '/admin/audit',
    '/my/wallet',
  ]);
  expect(problems).toEqual([]);
});

test('the merchant API’s pages and lists have no English: hosted payment pages, Payouts, Withdraw, API payments on Orders', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const db = getDatabase();
  const [shopper] = await db.read.select({ id: users.id }).from(users).where(eq(users.email, demoShopper.email));
  const [staffUser] = await db.read.select({ id: users.id }).from(users).where(eq(users.email, demoStaff.email));
  if (!shopper || !staffUser) throw new Error('the Turkish demo shop is seeded with its shopper and staff');
  const { id: apiKeyId } = await createApiKey(db, { name: 'ERP (Türkçe tarama)', staffId: staffUser.id });
  const items = [{ name: 'Mavi kupa', externalId: null, price: 30_000 }];
  const open = (input: Partial<OpenPaymentPageInput>) =>
    db.write((tx) =>
      openPaymentPage(tx, {
        kind: 'checkout',
        apiKeyId,
        buyerId: null,
        price: 30_000,
        paidPrice: 30_000,
        currency: 'TRY',
        items,
        conversationId: null,
        externalId: null,
        paymentGroup: 'PRODUCT',
        callbackUrl: `${baseURL}/`,
        paymentMethods: null,
        maxPayments: null,
        ttlMinutes: null,
        ...input,
      }),
    );
  const checkout = await open({});
  const multi = await open({ kind: 'multi', buyerId: shopper.id, maxPayments: 3 });
  const topUpLink = await open({ kind: 'deposit', price: 5_000, paidPrice: 5_000, items: [] });
  // Something waiting on Orders (an APM payment) and on Payouts (a withdrawal), so their rows are read too.
  await db.write((tx) =>
    createApmPaymentIn(tx, { apiKeyId, apmType: 'FUND_TRANSFER', userId: shopper.id, amount: 12_000, currency: 'TRY', items, conversationId: 'ERP-1', externalId: null, paymentGroup: 'PRODUCT', attemptKey: crypto.randomUUID() }),
  );
  await fundWallet(shopper.id, 50_000, 'TRY');
  await requestWithdrawal(db, { userId: shopper.id, amount: 10_000, currency: 'TRY', iban: 'TR33 0006 1005 1978 6457 8413 26', accountHolder: null, description: null, source: 'api', idempotencyKey: `tr-crawl:${crypto.randomUUID()}`, requestedBy: staffUser.id });

  // A visitor: the checkout form and the top-up link (which asks them to sign in).
  const problems = await crawl(page, [`/payment-page/${checkout.token}`, `/payment-page/${topUpLink.token}`]);
  // (What the crawl read is each page itself, not a not-found page.)
  await expect(page.getByRole('link', { name: tr('paymentPage.deposit.signIn') })).toBeVisible();

  // The shopper: the multi payment with their wallet, the top-up link signed in, Withdraw.
  await signInTr(page, demoShopper);
  problems.push(...(await crawl(page, [`/payment-page/${multi.token}`, `/payment-page/${topUpLink.token}`, '/my/wallet/withdraw'])));
  await expect(page.getByRole('row').filter({ hasText: 'TR33 0006 1005 1978 6457 8413 26' })).toBeVisible();
  await page.context().clearCookies();
  await chooseTurkish(page.context(), baseURL ?? '');

  await signInTr(page, demoStaff);
  problems.push(...(await crawl(page, ['/admin/payouts', '/admin/orders'])));
  await expect(page.getByRole('region', { name: tr('admin.orders.apiPayments.title') }).getByRole('row').filter({ hasText: 'ERP-1' })).toBeVisible();
  expect(problems).toEqual([]);
});
