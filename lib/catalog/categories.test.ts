import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, categories } from '@/db/schema';
import { browseProducts, getCategoryBySlug, listShopCategories } from '@/lib/shop/catalog';
import { insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { createCategory, deleteCategory, listCategories, renameCategory } from './categories';

const db = getDatabase();
const staff = await insertTestUser(db, 'staff');

async function category(name: string) {
  const saved = await createCategory(db, { name, staffId: staff.id });
  if (saved.status !== 'saved') throw new Error(`expected ${name} to be created`);
  return saved.category;
}

describe('categories', () => {
  it('are created with a slug from the name, Turkish letters folded, unique', async () => {
    const kitchen = await category('Mutfak Eşyaları');
    expect(kitchen).toMatchObject({ name: 'Mutfak Eşyaları', slug: 'mutfak-esyalari' });
    const other = await category('Mutfak Eşyaları!');
    expect(other.slug).toBe('mutfak-esyalari-2');
    expect(await getCategoryBySlug(db.read, 'mutfak-esyalari')).toMatchObject({ id: kitchen.id });
    expect(await getCategoryBySlug(db.read, '../x')).toBeUndefined();
    const audits = await db.read.select().from(auditLog).where(eq(auditLog.action, 'category.create'));
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['', 'CATEGORY_NAME_REQUIRED'],
    ['   ', 'CATEGORY_NAME_REQUIRED'],
    ['x'.repeat(61), 'CATEGORY_NAME_TOO_LONG'],
  ])('refuses the name %j with %s', async (name, code) => {
    const before = await db.read.select().from(categories);
    expect(await createCategory(db, { name, staffId: staff.id })).toMatchObject({ status: 'invalid', fieldErrors: { name: { code } } });
    expect(await db.read.select().from(categories)).toEqual(before);
  });

  it('refuses a second category of the same name in another casing or spelling', async () => {
    await category('Işıklar');
    for (const name of ['IŞIKLAR', 'isiklar', ' ışıklar ']) {
      expect(await createCategory(db, { name, staffId: staff.id })).toMatchObject({ status: 'invalid', fieldErrors: { name: { code: 'CATEGORY_NAME_TAKEN' } } });
    }
  });

  it('are renamed with their slug kept, and audited', async () => {
    const desk = await category(`Desk ${crypto.randomUUID().slice(0, 6)}`);
    const renamed = await renameCategory(db, { categoryId: desk.id, name: 'Masa ve Ofis', staffId: staff.id });
    expect(renamed).toMatchObject({ status: 'saved', category: { name: 'Masa ve Ofis', slug: desk.slug } });
    expect(await renameCategory(db, { categoryId: desk.id, name: '', staffId: staff.id })).toMatchObject({ status: 'invalid' });
    expect(await renameCategory(db, { categoryId: 987_654, name: 'Nothing', staffId: staff.id })).toEqual({ status: 'not_found' });
    const audits = await db.read.select().from(auditLog).where(eq(auditLog.action, 'category.rename'));
    expect(audits.some((row) => row.details?.includes('Masa ve Ofis'))).toBe(true);
  });

  it('are deleted only when empty, archived products included', async () => {
    const empty = await category(`Empty ${crypto.randomUUID().slice(0, 6)}`);
    const used = await category(`Used ${crypto.randomUUID().slice(0, 6)}`);
    await insertTestProduct(db, 100, { categoryId: used.id, archivedAt: new Date() });
    expect(await deleteCategory(db, { categoryId: used.id, staffId: staff.id })).toEqual({ status: 'not_empty', count: 1 });
    expect(await deleteCategory(db, { categoryId: empty.id, staffId: staff.id })).toMatchObject({ status: 'deleted' });
    expect(await deleteCategory(db, { categoryId: empty.id, staffId: staff.id })).toEqual({ status: 'not_found' });
    const rows = await listCategories(db.read);
    expect(rows.find((row) => row.id === used.id)).toMatchObject({ productCount: 0, archivedCount: 1 });
    expect(rows.some((row) => row.id === empty.id)).toBe(false);
  });

  it('show in the shop only when a product on sale is in them, in Turkish alphabetical order', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const cay = await category(`Çay ${tag}`);
    const cam = await category(`Cam ${tag}`);
    const dolap = await category(`Dolap ${tag}`);
    const bare = await category(`Boş ${tag}`);
    const hidden = await category(`Gizli ${tag}`);
    await insertTestProduct(db, 100, { categoryId: cay.id });
    await insertTestProduct(db, 100, { categoryId: cam.id });
    await insertTestProduct(db, 100, { categoryId: dolap.id });
    await insertTestProduct(db, 100, { categoryId: hidden.id, active: false });
    const shown = (await listShopCategories(db.read)).filter((row) => row.name.endsWith(tag)).map((row) => row.name);
    expect(shown).toEqual([`Cam ${tag}`, `Çay ${tag}`, `Dolap ${tag}`]);
    expect(shown).not.toContain(bare.name);
    expect((await browseProducts(db.read, { categoryId: hidden.id })).products).toEqual([]);
  });
});
