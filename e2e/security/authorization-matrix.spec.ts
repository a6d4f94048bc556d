import crypto from 'node:crypto';
import type { APIResponse, Browser, BrowserContext } from '@playwright/test';
import { getDatabase } from '@/db';
import { issueInvoice } from '@/lib/invoices/create';
import { insertPaidWalletOrder } from '@/test/helpers/orders';
import { listProducts } from '@/lib/shop/catalog';
import { startTopUp } from '@/lib/wallet/top-ups';
import { roles, routeExpectations, type Outcome, type Placeholder, type Role } from '../../test/security/route-expectations';
import { createTestUser, expect, signIn, test, type TestUser } from '../fixtures';

// Every page and route handler of test/security/route-expectations.ts, asked by each role with
// its own signed-in cookies, against shopper A's real order, invoice and Demo card payment.

type World = { contexts: Record<Role, BrowserContext>; ids: Record<Placeholder, string> };
let world: World;

async function signedInContext(browser: Browser, baseURL: string, user: TestUser | null): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  if (user) {
    const page = await context.newPage();
    await signIn(page, user);
    await page.close();
  }
  return context;
}

test.beforeAll(async ({ browser }, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const [shopperA, shopperB, staff] = await Promise.all([createTestUser(), createTestUser(), createTestUser('staff')]);
  const db = getDatabase();
  const order = await insertPaidWalletOrder(db, shopperA.id, 2_500);
  const invoice = await issueInvoice(db, { userId: shopperA.id, currency: 'USD', lines: [{ description: 'Matrix check', quantity: 1, unitPriceMinor: 4_200 }] });
  const topUp = await startTopUp(db, shopperA, { amount: '25', method: 'card', attemptKey: crypto.randomUUID() });
  if (topUp.status !== 'redirect' || topUp.payment.provider !== 'demo') throw new Error('expected a pending Demo card payment');
  const [product] = await listProducts(db.read);
  if (!product) throw new Error('the seeded catalog is empty');
  const contexts = {
    visitor: await signedInContext(browser, baseURL, null),
    shopperA: await signedInContext(browser, baseURL, shopperA),
    shopperB: await signedInContext(browser, baseURL, shopperB),
    staff: await signedInContext(browser, baseURL, staff),
  };
  world = {
    contexts,
    ids: {
      orderA: order.number,
      orderIdA: String(order.id),
      invoiceA: String(invoice.id),
      paymentA: topUp.payment.reference,
      shopperA: String(shopperA.id),
      productSlug: product.slug,
    },
  };
});

test.afterAll(async () => {
  await Promise.all(Object.values(world?.contexts ?? {}).map((context) => context.close()));
});

function fill(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: Placeholder) => world.ids[name]);
}

// Every page's flight data carries the not-found boundary's text, so look for the real signs:
// the rendered heading (a 404), or the digest notFound() leaves in a streamed boundary (a 200:
// as a template attribute or a script, depending on when the boundary finished).
const notFoundHeading = /<h1[^>]*>Page not found<\/h1>|NEXT_HTTP_ERROR_FALLBACK;404/;

/** What the response was, in the table's words. */
async function observed(response: APIResponse): Promise<string> {
  const status = response.status();
  if (status === 200 && (response.headers()['content-type'] ?? '').includes('text/html') && notFoundHeading.test(await response.text())) {
    return 'not-found-page';
  }
  if ([301, 302, 303, 307, 308].includes(status)) {
    const target = new URL(response.headers().location ?? '', 'http://same-site.invalid');
    return target.pathname === '/sign-in' ? 'sign-in' : `redirect:${target.pathname}`;
  }
  const words: Record<number, string> = { 200: 'allowed', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found' };
  return words[status] ?? `status:${status}`;
}

function expected(outcome: Outcome): string {
  return typeof outcome === 'string' ? outcome : `redirect:${fill(outcome.redirect)}`;
}

for (const route of routeExpectations) {
  test(`${route.method} ${route.url} (app/${route.file})`, async () => {
    const url = fill(route.url);
    for (const role of roles) {
      const request = world.contexts[role].request;
      const response =
        route.method === 'GET' ? await request.get(url, { maxRedirects: 0 }) : await request.post(url, { maxRedirects: 0, data: '{}' });
      const outcome = await observed(response);
      expect.soft(outcome, `${role} → ${route.method} ${url}`).toBe(expected(route.expect[role]));
      if (role !== 'visitor' && outcome === 'sign-in') throw new Error(`${role} is not signed in`);
    }
  });
}

test("what shopper B and staff get for shopper A's pages shows none of A's data, nor whether it exists", async () => {
  const request = world.contexts.shopperB.request;
  const invoicePage = await request.get(fill('/my/invoices/{invoiceA}'), { maxRedirects: 0 });
  const body = await invoicePage.text();
  expect(body).toMatch(notFoundHeading);
  expect(body).not.toContain('Matrix check');
  expect(body).not.toContain('$42.00');
  const missing = await request.get('/my/invoices/999999999', { maxRedirects: 0 });
  expect(missing.status()).toBe(invoicePage.status());
  expect(await missing.text()).toMatch(notFoundHeading);
  const orderPage = await request.get(fill('/my/orders/{orderA}'), { maxRedirects: 0 });
  const missingOrder = await request.get('/my/orders/S99999999', { maxRedirects: 0 });
  expect(orderPage.status()).toBe(missingOrder.status());
  expect(await orderPage.text()).not.toContain('$25.00');
  const pdf = await world.contexts.staff.request.get(fill('/my/invoices/{invoiceA}/pdf'), { maxRedirects: 0 });
  expect(pdf.headers()['content-type'] ?? '').not.toContain('pdf');
});
