import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, products } from '@/db/schema';
import { browseProducts, getProductById, getProductBySlug, listProducts } from '@/lib/shop/catalog';
import { insertTestUser } from '@/test/helpers/users';
import { createCategory } from './categories';
import { readProductForm, type ProductFormText, type ProductInput } from './product-input';
import { createProduct, listStaffProducts, setProductArchived, updateProduct } from './products';
import { backfillProductSearchKeys, productSearchKey } from './search-key';

const db = getDatabase();
const staff = await insertTestUser(db, 'staff');

function input(fields: Partial<ProductInput> = {}): ProductInput {
  return { name: 'Test Kettle', description: 'Boils water.', priceMinor: 4250, currency: 'USD', stock: 2, taxRateBp: null, categoryId: null, active: true, ...fields };
}

async function create(fields: Partial<ProductInput> = {}, image: string | null = null) {
  const saved = await createProduct(db, { product: input(fields), image, attemptKey: crypto.randomUUID(), staffId: staff.id });
  if (saved.status !== 'saved') throw new Error(`expected the product to be saved, got ${saved.status}`);
  return saved.product;
}

async function auditRows(action: string) {
  return db.read.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id));
}

describe('creating a product', () => {
  it('stores what staff typed, with a slug from the name and a search key, and audits it', async () => {
    const product = await create({ name: 'Brass Watering Can', stock: 7, taxRateBp: 850 }, '/media/products/' + 'c'.repeat(32) + '.webp');
    expect(product).toMatchObject({
      name: 'Brass Watering Can',
      slug: 'brass-watering-can',
      priceMinor: 4250,
      currency: 'USD',
      stock: 7,
      taxRateBp: 850,
      active: true,
      archivedAt: null,
      searchKey: 'brass watering can boils water.',
      image: `/media/products/${'c'.repeat(32)}.webp`,
    });
    const [audit] = (await auditRows('product.create')).filter((row) => row.details?.includes(`"productId":${product.id}`));
    expect(audit).toMatchObject({ actorId: staff.id, amount: 4250, currency: 'USD' });
  });

  it('makes slugs unique with -2, -3 … and folds Turkish letters', async () => {
    const first = await create({ name: 'Işıklı Çay Bardağı' });
    const second = await create({ name: 'IŞIKLI ÇAY BARDAĞI' });
    const third = await create({ name: 'ışıklı çay bardağı!' });
    expect([first.slug, second.slug, third.slug]).toEqual(['isikli-cay-bardagi', 'isikli-cay-bardagi-2', 'isikli-cay-bardagi-3']);
    const symbols = await create({ name: '★★★' });
    expect(symbols.slug).toBe('product');
  });

  it('creates one product when the same form is sent twice (its attempt key)', async () => {
    const attemptKey = crypto.randomUUID();
    const once = await createProduct(db, { product: input({ name: 'Twice Sent Teapot' }), image: null, attemptKey, staffId: staff.id });
    const again = await createProduct(db, { product: input({ name: 'Twice Sent Teapot' }), image: null, attemptKey, staffId: staff.id });
    expect(once).toMatchObject({ status: 'saved', replayed: false });
    expect(again).toMatchObject({ status: 'saved', replayed: true });
    if (once.status !== 'saved' || again.status !== 'saved') return;
    expect(again.product.id).toBe(once.product.id);
    expect(await db.read.select().from(products).where(eq(products.name, 'Twice Sent Teapot'))).toHaveLength(1);
  });

  it('refuses a category that does not exist, beside the field, and stores nothing', async () => {
    const saved = await createProduct(db, { product: input({ name: 'Orphan Spoon', categoryId: 987_654 }), image: null, attemptKey: crypto.randomUUID(), staffId: staff.id });
    expect(saved).toEqual({ status: 'invalid', fieldErrors: { categoryId: { code: 'CATEGORY_NOT_FOUND', params: {} } } });
    expect(await db.read.select().from(products).where(eq(products.name, 'Orphan Spoon'))).toEqual([]);
  });

  it('stores nothing for a form that does not read', async () => {
    const before = await db.read.select().from(products);
    const form: ProductFormText = { name: 'Bad Kettle', description: '', price: '12.345', stock: '-1', taxRate: '18', categoryId: '' };
    expect(readProductForm(form, { currency: 'USD', locale: 'en' }).ok).toBe(false);
    expect(await db.read.select().from(products)).toEqual(before);
  });
});

describe('editing a product', () => {
  it('saves the changes, keeps the slug, refreshes the search key and audits what changed', async () => {
    const category = await createCategory(db, { name: `Kitchen ${crypto.randomUUID().slice(0, 6)}`, staffId: staff.id });
    if (category.status !== 'saved') throw new Error('expected a category');
    const product = await create({ name: 'Enamel Kettle' });
    const saved = await updateProduct(db, {
      productId: product.id,
      product: input({ name: 'Enamel Kettle, Blue', description: 'Blue enamel.', priceMinor: 4500, taxRateBp: 1800, categoryId: category.category.id, stock: 5 }),
      stockShown: 2,
      staffId: staff.id,
    });
    expect(saved).toMatchObject({
      status: 'saved',
      product: { slug: 'enamel-kettle', name: 'Enamel Kettle, Blue', priceMinor: 4500, taxRateBp: 1800, categoryId: category.category.id, stock: 5, searchKey: 'enamel kettle, blue blue enamel.' },
    });
    const audits = (await auditRows('product.update')).filter((row) => row.details?.includes(`"productId":${product.id}`));
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]?.details ?? '{}').changed).toEqual({ name: 'Enamel Kettle, Blue', description: 'Blue enamel.', priceMinor: 4500, taxRateBp: 1800, categoryId: category.category.id, stock: 5 });
  });

  it('leaves the stock alone when staff did not change the number they were shown (orders may have taken units meanwhile)', async () => {
    const product = await create({ name: 'Stock Kept Kettle', stock: 10 });
    await db.write((tx) => tx.update(products).set({ stock: 7 }).where(eq(products.id, product.id)));
    const saved = await updateProduct(db, { productId: product.id, product: input({ name: 'Stock Kept Kettle', description: 'Now with a lid.', stock: 10 }), stockShown: 10, staffId: staff.id });
    expect(saved).toMatchObject({ status: 'saved', product: { stock: 7, description: 'Now with a lid.' } });
    const untracked = await updateProduct(db, { productId: product.id, product: input({ name: 'Stock Kept Kettle', description: 'Now with a lid.', stock: null }), stockShown: 10, staffId: staff.id });
    expect(untracked).toMatchObject({ status: 'saved', product: { stock: null } });
  });

  it('keeps the image unless a new one is given, and audits nothing when nothing changed', async () => {
    const image = `/media/products/${'d'.repeat(32)}.webp`;
    const product = await create({ name: 'Pictured Kettle' }, image);
    const before = (await auditRows('product.update')).length;
    const same = await updateProduct(db, { productId: product.id, product: input({ name: 'Pictured Kettle' }), stockShown: 2, staffId: staff.id });
    expect(same).toMatchObject({ status: 'saved', product: { image } });
    expect(await auditRows('product.update')).toHaveLength(before);
    const replaced = await updateProduct(db, { productId: product.id, product: input({ name: 'Pictured Kettle' }), image: `/media/products/${'e'.repeat(32)}.webp`, stockShown: 2, staffId: staff.id });
    expect(replaced).toMatchObject({ status: 'saved', product: { image: `/media/products/${'e'.repeat(32)}.webp` } });
  });

  it('answers not found for an unknown product', async () => {
    expect(await updateProduct(db, { productId: 987_654, product: input(), stockShown: null, staffId: staff.id })).toEqual({ status: 'not_found' });
    expect(await updateProduct(db, { productId: 2 ** 40, product: input(), stockShown: null, staffId: staff.id })).toEqual({ status: 'not_found' });
  });
});

describe('archiving a product', () => {
  it('takes it out of the shop and the default staff list, once, and restores it', async () => {
    const product = await create({ name: `Archived Kettle ${crypto.randomUUID().slice(0, 6)}` });
    expect(await getProductBySlug(db.read, product.slug)).toBeDefined();
    const archived = await setProductArchived(db, { productId: product.id, archived: true, staffId: staff.id });
    expect(archived).toMatchObject({ status: 'done', product: { archivedAt: expect.any(Date) } });
    expect(await setProductArchived(db, { productId: product.id, archived: true, staffId: staff.id })).toMatchObject({ status: 'unchanged' });
    expect((await auditRows('product.archive')).filter((row) => row.details?.includes(`"productId":${product.id}`))).toHaveLength(1);

    expect(await getProductBySlug(db.read, product.slug)).toBeUndefined();
    expect(await getProductById(db.read, product.id)).toBeUndefined();
    expect((await listProducts(db.read)).map((row) => row.id)).not.toContain(product.id);
    expect((await browseProducts(db.read, { search: product.name })).products).toEqual([]);
    expect((await listStaffProducts(db.read, { q: product.name })).rows).toEqual([]);
    expect((await listStaffProducts(db.read, { q: product.name, view: 'archived' })).rows.map((row) => [row.id, row.status])).toEqual([[product.id, 'archived']]);

    expect(await setProductArchived(db, { productId: product.id, archived: false, staffId: staff.id })).toMatchObject({ status: 'done', product: { archivedAt: null } });
    expect(await getProductBySlug(db.read, product.slug)).toBeDefined();
    expect(await setProductArchived(db, { productId: 987_654, archived: true, staffId: staff.id })).toEqual({ status: 'not_found' });
  });
});

describe('the staff product list', () => {
  it('finds name and description in any casing and either spelling of the Turkish letters', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const isil = await create({ name: `Işıl Mug ${tag}` });
    const lamp = await create({ name: `Lamp ${tag}`, description: 'Şık ve IŞIKLI bir masa lambası.' });
    for (const term of ['ISIL', 'ışıl', 'isil', 'Işıl']) {
      expect((await listStaffProducts(db.read, { q: `${term} mug ${tag}` })).rows.map((row) => row.id)).toEqual([isil.id]);
    }
    expect((await listStaffProducts(db.read, { q: 'isikli bir masa' })).rows.map((row) => row.id)).toContain(lamp.id);
    expect((await listStaffProducts(db.read, { q: '100%_' })).rows).toEqual([]);
  });

  it('pages newest first and shows hidden products with their status', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const made = [];
    for (let n = 1; n <= 5; n += 1) made.push(await create({ name: `Paged ${tag} ${n}`, active: n !== 3 }));
    const first = await listStaffProducts(db.read, { q: `paged ${tag}`, pageSize: 2 });
    const last = await listStaffProducts(db.read, { q: `paged ${tag}`, pageSize: 2, page: 3 });
    expect(first).toMatchObject({ totalRows: 5, totalPages: 3, page: 1 });
    expect(first.rows.map((row) => row.name)).toEqual([`Paged ${tag} 5`, `Paged ${tag} 4`]);
    expect(last.rows.map((row) => row.name)).toEqual([`Paged ${tag} 1`]);
    const all = await listStaffProducts(db.read, { q: `paged ${tag}` });
    expect(all.rows.find((row) => row.name.endsWith(' 3'))?.status).toBe('hidden');
  });
});

describe('the storefront', () => {
  it('lists only active, not archived products, by category, sorted by price and by newest', async () => {
    const category = await createCategory(db, { name: `Teapots ${crypto.randomUUID().slice(0, 6)}`, staffId: staff.id });
    if (category.status !== 'saved') throw new Error('expected a category');
    const categoryId = category.category.id;
    const cheap = await create({ name: 'Cheap Teapot', priceMinor: 1000, categoryId });
    const dear = await create({ name: 'Dear Teapot', priceMinor: 9000, categoryId });
    const middle = await create({ name: 'Middle Teapot', priceMinor: 5000, categoryId });
    await create({ name: 'Hidden Teapot', priceMinor: 3000, categoryId, active: false });
    const archived = await create({ name: 'Archived Teapot', priceMinor: 2000, categoryId });
    await setProductArchived(db, { productId: archived.id, archived: true, staffId: staff.id });
    await create({ name: 'Other Teapot', priceMinor: 4000 });

    const names = async (sort: 'featured' | 'price_asc' | 'price_desc' | 'newest') =>
      (await browseProducts(db.read, { categoryId, sort })).products.map((product) => product.name);
    expect(await names('featured')).toEqual(['Cheap Teapot', 'Dear Teapot', 'Middle Teapot']);
    expect(await names('price_asc')).toEqual(['Cheap Teapot', 'Middle Teapot', 'Dear Teapot']);
    expect(await names('price_desc')).toEqual(['Dear Teapot', 'Middle Teapot', 'Cheap Teapot']);
    expect(await names('newest')).toEqual(['Middle Teapot', 'Dear Teapot', 'Cheap Teapot']);
    const ids = (await listProducts(db.read)).map((product) => product.id);
    expect(ids).toEqual(expect.arrayContaining([cheap.id, dear.id, middle.id]));
    expect(ids).not.toContain(archived.id);
  });

  it('searches name and description, Turkish-aware, every word typed', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const isil = await create({ name: `Işıl ${tag} Fincan`, description: 'İnce porselen, altın yaldızlı.' });
    await create({ name: `Plain ${tag} Cup`, description: 'Porcelain.' });
    const found = async (search: string) => (await browseProducts(db.read, { search })).products.map((product) => product.id);
    for (const search of [`ISIL ${tag}`, `ışıl ${tag}`, `isil ${tag}`, `${tag} FİNCAN`, `${tag} fincan`, `${tag} INCE PORSELEN`, `${tag} yaldizli`]) {
      expect(await found(search), search).toEqual([isil.id]);
    }
    expect(await found(`${tag} porcelain`)).toHaveLength(1);
    expect(await found(`${tag} nothing-like-this`)).toEqual([]);
    expect(await found(`${tag} %`)).toEqual([]);
  });

  it('pages the results', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    for (let n = 1; n <= 3; n += 1) await create({ name: `Page ${tag} ${n}` });
    const second = await browseProducts(db.read, { search: `page ${tag}`, pageSize: 2, page: 2 });
    expect(second).toMatchObject({ page: 2, totalPages: 2, totalRows: 3 });
    expect(second.products.map((product) => product.name)).toEqual([`Page ${tag} 3`]);
    expect((await browseProducts(db.read, { search: `page ${tag}`, pageSize: 2, page: 99 })).page).toBe(2);
  });
});

describe('search keys from before the column', () => {
  it('are written on start for products that have none', async () => {
    const product = await create({ name: 'Keyless İğne', description: 'Çelik.' });
    await db.write((tx) => tx.update(products).set({ searchKey: '' }).where(eq(products.id, product.id)));
    expect(await backfillProductSearchKeys(db)).toBeGreaterThanOrEqual(1);
    const [row] = await db.read.select({ searchKey: products.searchKey }).from(products).where(eq(products.id, product.id));
    expect(row?.searchKey).toBe(productSearchKey({ name: 'Keyless İğne', description: 'Çelik.' }));
    expect(row?.searchKey).toBe('keyless igne celik.');
    expect(await backfillProductSearchKeys(db)).toBe(0);
  });
});
