// The category actions as each role: only staff change categories; refusals come back in words.
import crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { categories } from '@/db/schema';
import { insertTestProduct } from '@/test/helpers/checkout';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';

vi.mock('../../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const { createCategoryAction, renameCategoryAction, deleteCategoryAction } = await import('./actions');
const { createCategory } = await import('@/lib/catalog/categories');

const idle = { status: 'idle' } as const;
const db = getDatabase();
const customer = await insertTestUser(db);
const staff = await insertTestUser(db, 'staff');

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

async function category(name: string) {
  const saved = await createCategory(db, { name, staffId: staff.id });
  if (saved.status !== 'saved') throw new Error('expected a category');
  return saved.category;
}

describe('the category actions refuse anyone but staff, and change nothing', () => {
  it.each([
    ['a shopper', () => (fakeRequest.viewer = { ...customer, role: 'customer' })],
    ['a visitor', () => (fakeRequest.viewer = null)],
  ])('as %s', async (_who, become) => {
    const existing = await category(`Kept ${crypto.randomUUID().slice(0, 6)}`);
    const before = await db.read.select().from(categories);
    become();
    const attempts = [
      () => createCategoryAction(idle, form({ name: 'Mine' })),
      () => renameCategoryAction(idle, form({ categoryId: existing.id, name: 'Mine' })),
      () => deleteCategoryAction(idle, form({ categoryId: existing.id })),
    ];
    for (const attempt of attempts) {
      if (fakeRequest.viewer) await expect(attempt()).rejects.toThrow('403');
      else await expect(attempt()).resolves.toMatchObject({ status: 'error', code: 'SESSION_ENDED' });
    }
    expect(await db.read.select().from(categories)).toEqual(before);
  });
});

describe('staff', () => {
  beforeEach(() => {
    fakeRequest.viewer = { ...staff, role: 'staff' };
  });

  it('add, rename and delete a category, with refusals beside the name', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    expect(await createCategoryAction(idle, form({ name: `Çaydanlıklar ${tag}` }))).toEqual({ status: 'success', message: `Added the category Çaydanlıklar ${tag}.` });
    expect(await createCategoryAction(idle, form({ name: `ÇAYDANLIKLAR ${tag}` }))).toMatchObject({
      status: 'error',
      fieldErrors: { name: ['There is a category of that name already.'] },
    });
    expect(await createCategoryAction(idle, form({ name: '' }))).toMatchObject({ status: 'error', fieldErrors: { name: ['Enter a name.'] } });
    const made = (await db.read.select().from(categories)).find((row) => row.name === `Çaydanlıklar ${tag}`);
    expect(made?.slug).toBe(`caydanliklar-${tag}`);
    const id = made?.id ?? 0;
    expect(await renameCategoryAction(idle, form({ categoryId: id, name: `Demlikler ${tag}` }))).toEqual({ status: 'success', message: `Renamed to Demlikler ${tag}.` });
    const product = await insertTestProduct(db, 100, { categoryId: id });
    expect(await deleteCategoryAction(idle, form({ categoryId: id }))).toEqual({
      status: 'error',
      message: '1 product still belongs to this category: move it to another category first.',
    });
    expect(product.categoryId).toBe(id);
    const empty = await category(`Empty ${tag}`);
    await expect(deleteCategoryAction(idle, form({ categoryId: empty.id }))).rejects.toThrow('NEXT_REDIRECT;/admin/categories?deleted=1');
    expect(await deleteCategoryAction(idle, form({ categoryId: empty.id }))).toEqual({ status: 'error', message: 'This category no longer exists.' });
  });
});
