// The walkthrough in Turkish on a TRY shop (issue 15): register, Para Yükle by card, a wire top-up
// that stays Beklemede, checkout with Cüzdan blocked when short and the shortfall link prefilled,
// staff Onayla the wire top-up in Bekleyen Yüklemeler, an invoice paid with Şimdi Öde.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDatabase } from '@/db';
import { products, users } from '@/db/schema';
import { issueInvoice } from '@/lib/invoices/create';
import { addToCart } from '@/lib/shop/cart';
import { chooseTurkish, expect, payWithDemoCardTr, signInTr, test, tr } from './fixtures';

test.setTimeout(180_000);

test('a Turkish shopper tops up, waits for a wire, checks out, and pays an invoice, all in Turkish and ₺', async ({ page, browser, baseURL, staff }) => {
  const db = getDatabase();
  const email = `walkthrough-${crypto.randomUUID().slice(0, 8)}@e2e.example`;
  const name = 'Işıl Şahin';

  // Register in Turkish.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  await page.getByRole('link', { name: 'Kayıt ol' }).click();
  await expect(page.getByRole('heading', { name: 'Hesabınızı oluşturun' })).toBeVisible();
  await page.getByLabel('Ad soyad').fill(name);
  await page.getByLabel('E-posta').fill(email);
  await page.getByLabel('Şifre', { exact: true }).fill('doğru at pil zımba');
  await page.getByLabel('Şifre (tekrar)').fill('doğru at pil zımba');
  await page.getByRole('button', { name: 'Hesap oluştur' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(name);
  await expect(page.getByRole('link', { name: 'Hesabım' })).toBeVisible();

  // Para Yükle by card (Demo): 339,50 → Cüzdanım shows ₺339,50.
  await page.getByRole('link', { name: 'Cüzdan', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Cüzdanım' })).toBeVisible();
  await expect(page.getByTestId('wallet-available')).toHaveText('₺0,00');
  await page.getByRole('button', { name: 'Para Yükle' }).click();
  await expect(page.getByRole('heading', { name: 'Para Yükle' })).toBeVisible();
  await page.getByLabel('Tutar', { exact: true }).fill('339,50');
  await page.getByRole('radio', { name: /^Kart/ }).check();
  await page.getByRole('button', { name: 'Para Yüklemeye Devam Et' }).click();
  await payWithDemoCardTr(page, '₺339,50');
  await expect(page.getByRole('heading', { name: tr('payments.outcome.addedHeading') })).toBeVisible();
  await expect(page.getByTestId('new-balance')).toHaveText('₺339,50');
  await page.getByRole('link', { name: 'Cüzdanıma Dön' }).click();
  await expect(page.getByRole('heading', { name: 'Cüzdanım' })).toBeVisible();
  await expect(page.getByTestId('wallet-available')).toHaveText('₺339,50');

  // A wire top-up (Havale/EFT) of 1.234,56 stays Beklemede and leaves the balance as it was.
  await page.getByRole('button', { name: 'Para Yükle' }).click();
  await page.getByLabel('Tutar', { exact: true }).fill('1.234,56');
  await page.getByRole('radio', { name: /^Havale\/EFT/ }).check();
  await page.getByRole('button', { name: 'Para Yüklemeye Devam Et' }).click();
  await expect(page.getByRole('heading', { name: tr('payments.outcome.wireHeading') })).toBeVisible();
  const reference = ((await page.getByTestId('wire-reference').textContent()) ?? '').trim();
  expect(reference).toMatch(/^[A-Z0-9]{6,}$/);
  await page.getByRole('link', { name: 'Cüzdanıma Dön' }).click();
  await expect(page.getByTestId('wallet-available')).toHaveText('₺339,50');
  await expect(page.getByTestId('wallet-pending')).toHaveText('₺1.234,56');
  const pending = page.getByRole('region', { name: 'Beklemede' });
  await expect(pending.getByRole('listitem').filter({ hasText: reference }).getByText('Beklemede', { exact: true })).toBeVisible();

  // Checkout: Cüzdan is blocked while the wallet is short; the shortfall link fills in Para Yükle.
  const [shopper] = await db.read.select({ id: users.id }).from(users).where(eq(users.email, email));
  const [mug] = await db.read.select().from(products).where(eq(products.slug, 'ceramic-mug'));
  if (!shopper || !mug) throw new Error('the registered shopper and the seeded mug must exist');
  expect(mug.currency).toBe('TRY');
  await addToCart(db, shopper.id, mug.id, 1); // ₺720,00: more than the ₺339,50 available
  await page.goto('/checkout');
  // Mağazadan teslim al: no shipping on top, no address.
  const pickUp = page.getByRole('radio', { name: /^Mağazadan teslim al/ });
  await pickUp.check();
  await expect(page.getByTestId('order-total')).toHaveText('₺720,00');
  const walletChoice = page.getByRole('radio', { name: /^Cüzdan(?! bakiyenizi)/ });
  await expect(walletChoice).toBeDisabled();
  await expect(walletChoice).toHaveAccessibleDescription(/₺339,50.*₺720,00/);
  await page.getByRole('link', { name: 'Cüzdanınıza ₺380,50 yükleyin' }).click();
  await expect(page.getByRole('heading', { name: 'Para Yükle' })).toBeVisible();
  await expect(page.getByLabel('Tutar', { exact: true })).toHaveValue(/^380[,.]50$/);
  await page.getByRole('radio', { name: /^Kart/ }).check();
  await page.getByRole('button', { name: 'Para Yüklemeye Devam Et' }).click();
  await payWithDemoCardTr(page, '₺380,50');
  await expect(page.getByTestId('new-balance')).toHaveText('₺720,00');
  await page.getByRole('link', { name: tr('payments.outcome.continue') }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await pickUp.check();
  await expect(walletChoice).toBeEnabled();
  await walletChoice.check();
  await page.getByRole('button', { name: 'Şimdi Öde' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Ödendi');

  // Staff confirm the wire top-up (Onayla) in Bekleyen Yüklemeler.
  const staffContext = await browser.newContext();
  await chooseTurkish(staffContext, baseURL ?? '');
  const staffPage = await staffContext.newPage();
  await signInTr(staffPage, staff);
  await staffPage.goto('/admin');
  await staffPage.getByRole('link', { name: 'Bekleyen Yüklemeler' }).first().click();
  await expect(staffPage.getByRole('heading', { name: 'Bekleyen Yüklemeler' })).toBeVisible();
  const row = staffPage.getByRole('row', { name: new RegExp(reference) });
  await expect(row).toContainText(name);
  await expect(row).toContainText('₺1.234,56');
  await row.getByRole('button', { name: 'Onayla', exact: true }).click();
  const confirmDialog = staffPage.getByRole('dialog', { name: 'Yükleme onaylansın mı?' });
  await expect(confirmDialog).toContainText(`${reference} havalesi için ${name} adlı müşterinin cüzdanına ₺1.234,56 yüklensin mi?`);
  await confirmDialog.getByRole('button', { name: 'Onayla', exact: true }).click();
  await expect(staffPage.getByRole('row', { name: new RegExp(reference) })).toHaveCount(0);
  await staffContext.close();

  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('₺1.234,56');
  await expect(page.getByTestId('wallet-pending')).toHaveText('₺0,00');

  // An invoice, paid from the wallet with Şimdi Öde: Ödendi.
  const invoice = await issueInvoice(db, {
    userId: shopper.id,
    currency: 'TRY',
    lines: [{ description: 'Espresso makinesi bakımı', quantity: 1, unitPriceMinor: 50_000 }],
  });
  await page.getByRole('link', { name: 'Hesabım' }).click();
  await page.getByRole('link', { name: /^Faturalar/ }).click();
  await expect(page.getByRole('heading', { name: 'Faturalar' })).toBeVisible();
  const invoiceRow = page.getByRole('row', { name: new RegExp(invoice.number) });
  await expect(invoiceRow).toContainText('₺500,00');
  await invoiceRow.getByRole('link', { name: invoice.number }).click();
  await expect(page.getByTestId('amount-due')).toHaveText('₺500,00');
  await page.getByRole('button', { name: 'Şimdi Öde' }).click();
  await expect(page.getByTestId('invoice-status')).toHaveText('Ödendi');
  await expect(page.getByTestId('amount-due')).toHaveText('₺0,00');
  await page.goto('/my/wallet');
  await expect(page.getByTestId('wallet-available')).toHaveText('₺734,56');
});
