// Staff put a product in the catalog through the Backend (with stock and an image), shoppers find
// it in the shop with its picture, it can run out, and archiving takes it out of the shop.
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { expect, signIn, test } from '../fixtures';

const kettlePicture = fileURLToPath(new URL('../fixtures/kettle.png', import.meta.url));

test('staff create a product with stock and an image; it shows in the shop; archiving removes it', async ({ page, browser, staff }) => {
  const tag = crypto.randomUUID().slice(0, 6);
  const name = `Test Kettle ${tag}`;

  await signIn(page, staff);
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Backend' }).getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { name: 'Products', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'New Product' }).click();
  await expect(page.getByRole('heading', { name: 'New Product' })).toBeVisible();

  // A price with too many decimals and a negative stock are refused beside their fields.
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description', { exact: true }).fill('Enamel kettle, 1.7 litres, for gas and induction.');
  await page.getByLabel('Price', { exact: true }).fill('42.505');
  await page.getByLabel('Stock', { exact: true }).fill('-1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Price', { exact: true })).toHaveAccessibleDescription(/USD amounts have at most 2 decimals\./);
  await expect(page.getByLabel('Stock', { exact: true })).toHaveAccessibleDescription(/Enter a whole number from 0 to 1,000,000/);

  await page.getByLabel('Price', { exact: true }).fill('42.50');
  await page.getByLabel('Stock', { exact: true }).fill('2');
  await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Kitchen' });
  await page.getByLabel('Image', { exact: true }).setInputFiles(kettlePicture);
  await expect(page.getByLabel('Active', { exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page).toHaveURL(/\/admin\/products\/\d+\?created=1$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Product created.' })).toBeVisible();
  const staffProductPage = page.url();

  // The staff list has it, with its price, stock, status and category.
  await page.goto('/admin/products');
  await page.getByLabel('Search by name or description').fill(name.toUpperCase());
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('table', { name: 'Products' }).getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('$42.50');
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Kitchen');
  await expect(row.getByRole('cell').nth(2)).toHaveText('2');

  // A shopper finds it by searching (any casing), sees its picture and how few are left.
  const shopperContext = await browser.newContext();
  const shop = await shopperContext.newPage();
  await shop.goto('/');
  await shop.getByLabel('Search products').fill(`test KETTLE ${tag}`);
  await shop.getByRole('button', { name: 'Search' }).click();
  await expect(shop.getByRole('status')).toHaveText(/1 product matches/);
  await shop.getByRole('link', { name: new RegExp(name) }).click();
  await expect(shop.getByRole('heading', { name })).toBeVisible();
  await expect(shop.getByTestId('product-price')).toHaveText('$42.50');
  await expect(shop.getByText('Only 2 left')).toBeVisible();
  const picture = shop.getByRole('img', { name });
  await expect(picture).toHaveAttribute('src', /^\/media\/products\/[0-9a-f]{32}-(320|640|1200)\.webp$/);
  await expect(picture).toHaveAttribute('srcset', /-320\.webp 320w/);
  await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
  const source = await picture.getAttribute('src');
  const served = await shop.request.get(source ?? '');
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/webp');
  expect(served.headers()['cache-control']).toContain('immutable');
  const productUrl = shop.url();

  // Its category page lists it too.
  await shop.goto('/');
  await shop.getByRole('navigation', { name: 'Shop by category' }).getByRole('link', { name: 'Kitchen' }).click();
  await expect(shop.getByRole('heading', { name: 'Kitchen' })).toBeVisible();
  await expect(shop.getByRole('link', { name: new RegExp(name) })).toBeVisible();

  // Asking for more than is in stock is refused, naming how many are left.
  await shop.goto(productUrl);
  await shop.getByLabel('Quantity').fill('3');
  await shop.getByRole('button', { name: 'Add to Cart' }).click();
  await expect(shop.getByRole('status')).toContainText('Only 2 are left.');

  // Staff set the stock to 0: the shop says "Out of stock" and Add to Cart is disabled.
  await page.goto(staffProductPage);
  await page.getByLabel('Stock', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await shop.goto(productUrl);
  await expect(shop.getByText('Out of stock', { exact: true })).toBeVisible();
  await expect(shop.getByRole('button', { name: 'Add to Cart' })).toBeDisabled();

  // Archive: gone from the shop (its page, the search), kept in the staff's Archived view.
  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Archived ${name}.` })).toBeVisible();
  await expect(page.getByText('This product is archived')).toBeVisible();
  await shop.goto(productUrl);
  await expect(shop.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await shop.goto(`/search?q=${encodeURIComponent(name)}`);
  await expect(shop.getByRole('status')).toHaveText(/No products match/);
  await shop.goto('/category/kitchen');
  await expect(shop.getByRole('link', { name: new RegExp(name) })).toHaveCount(0);
  await shopperContext.close();

  await page.goto('/admin/products');
  await page.getByLabel('Search by name or description').fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('table', { name: 'Products' }).getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Which products' }).getByRole('link', { name: 'Archived' }).click();
  await expect(page.getByRole('table', { name: 'Products' }).getByRole('row', { name: new RegExp(name) })).toContainText('Archived');
});

test('staff add a category, and cannot delete one that still has products', async ({ page, staff }) => {
  const tag = crypto.randomUUID().slice(0, 6);
  await signIn(page, staff);
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Backend' }).getByRole('link', { name: 'Categories' }).click();
  await expect(page.getByRole('heading', { name: 'Categories', exact: true })).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill(`Çaydanlık ${tag}`);
  await page.getByRole('button', { name: 'Add Category' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added the category Çaydanlık ${tag}.` })).toBeVisible();
  const row = page.getByRole('table', { name: 'Categories' }).getByRole('row', { name: new RegExp(`Çaydanlık ${tag}`) });
  await expect(row).toContainText(`/category/caydanlik-${tag}`);

  await row.getByRole('button', { name: `Delete Çaydanlık ${tag}` }).click();
  await page.getByRole('dialog', { name: `Delete the category Çaydanlık ${tag}?` }).getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/admin\/categories\?deleted=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'The category was deleted.' })).toBeVisible();
  await expect(row).toHaveCount(0);

  const kitchen = page.getByRole('table', { name: 'Categories' }).getByRole('row', { name: /Kitchen/ });
  await expect(kitchen.getByRole('button', { name: 'Delete Kitchen' })).toBeDisabled();
});
