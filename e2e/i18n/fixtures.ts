// The Turkish shop's specs: a TRY shop served in Turkish (scripts/e2e.mjs starts it with
// SHOP_CURRENCY=TRY SHOP_LOCALE=tr on its own fresh database; playwright.i18n.config.ts).
import fs from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { test as base, createTestUser, type TestUser } from '../fixtures';

const messagesDir = path.join(process.cwd(), 'messages');

/** Every value of one language's catalogues (messages/<locale>/*.json), as one flat list. */
export function catalogueValues(locale: 'en' | 'tr'): string[] {
  const values: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node === 'string') values.push(node);
    else if (node && typeof node === 'object') for (const child of Object.values(node)) walk(child);
  };
  for (const file of fs.readdirSync(path.join(messagesDir, locale)).filter((name) => name.endsWith('.json'))) {
    walk(JSON.parse(fs.readFileSync(path.join(messagesDir, locale, file), 'utf8')));
  }
  return values;
}

/** The Turkish text of a catalogue key ('payments.demo.cardNumber'), placeholders filled from `params`. */
export function tr(key: string, params: Record<string, string> = {}): string {
  const [namespace = '', ...rest] = key.split('.');
  let node: unknown = JSON.parse(fs.readFileSync(path.join(messagesDir, 'tr', `${namespace}.json`), 'utf8'));
  for (const part of rest) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No Turkish message ${key}`);
  return node.replace(/\{(\w+)\}/g, (_match, name: string) => params[name] ?? `{${name}}`);
}

/** Chooses Turkish the way a visitor does (the switch's cookie), whatever the browser's language. */
export async function chooseTurkish(context: BrowserContext, baseURL: string) {
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'tr', url: baseURL }]);
}

/** Signs in through the Turkish sign-in page. */
export async function signInTr(page: Page, user: { email: string; password: string; name: string }) {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Giriş yap' })).toBeVisible();
  await page.getByLabel('E-posta').fill(user.email);
  await page.getByLabel('Şifre', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Giriş yap' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(user.name);
}

/** Pays on the Demo card page (Turkish labels from the payments catalogue). */
export async function payWithDemoCardTr(page: Page, amount: string, cardNumber = '4242 4242 4242 4242') {
  await expect(page.getByText('Demo', { exact: true })).toBeVisible();
  await page.getByLabel(tr('payments.demo.nameOnCard')).fill('Işıl Yılmaz');
  await page.getByLabel(tr('payments.demo.cardNumber')).fill(cardNumber);
  await page.getByLabel(tr('payments.demo.expiry')).fill('12/30');
  await page.getByLabel(tr('payments.demo.cvc')).fill('123');
  await page.getByRole('button', { name: tr('payments.demo.pay', { amount }) }).click();
}

/** The seeded demo people of the Turkish shop (db/seed-data.ts demoUsersIn('tr')). */
export const demoShopper = { email: 'shopper@example.com', password: 'shopper123', name: 'Işıl Yılmaz' };
export const demoStaff = { email: 'staff@example.com', password: 'staff123', name: 'Haluk Demir' };

/** Every page of the Turkish shop is opened with the Turkish cookie set. */
export const test = base.extend<{ shopper: TestUser; staff: TestUser }>({
  context: async ({ context, baseURL }, use) => {
    await chooseTurkish(context, baseURL ?? '');
    await use(context);
  },
  shopper: async ({}, use) => {
    await use(await createTestUser('customer', 'Çağla Işık'));
  },
  staff: async ({}, use) => {
    await use(await createTestUser('staff', 'Şükrü Öztürk'));
  },
});

export { expect };
