// The product actions as each role: visitors and shoppers change nothing; staff get field errors
// in words beside the fields, or a saved product (with its uploaded image resized and stored).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { auditLog, products } from '@/db/schema';
import { uploadedImageId } from '@/lib/catalog/image-widths';
import { insertTestProduct } from '@/test/helpers/checkout';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';

vi.mock('../../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));

const { createProductAction, updateProductAction, archiveProductAction, restoreProductAction } = await import('./actions');

const media = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-product-media-'));
vi.stubEnv('MEDIA_DIR', media);

const idle = { status: 'idle' } as const;
const db = getDatabase();
const customer = await insertTestUser(db);
const staff = await insertTestUser(db, 'staff');

function form(fields: Record<string, string | number | File>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value instanceof File ? value : String(value));
  return data;
}

const kettle = (fields: Record<string, string | number | File> = {}) =>
  form({ name: 'Test Kettle', description: 'Boils water.', price: '42.50', stock: '2', taxRate: '', categoryId: '', active: 'on', attemptKey: crypto.randomUUID(), ...fields });

async function png(): Promise<File> {
  const bytes = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c86428' } }).png().toBuffer();
  return new File([new Uint8Array(bytes)], 'kettle.png', { type: 'image/png' });
}

/** The id in the redirect to the new product's page ("NEXT_REDIRECT;/admin/products/12?created=1"). */
async function createdId(attempt: Promise<unknown>): Promise<number> {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  const match = error instanceof Error ? /^NEXT_REDIRECT;\/admin\/products\/(\d+)\?created=1$/.exec(error.message) : null;
  if (!match?.[1]) throw new Error(`expected a redirect to the new product, got ${String(error)}`);
  return Number(match[1]);
}

describe('the product actions refuse anyone but staff, and change nothing', () => {
  it.each([
    ['a shopper', () => (fakeRequest.viewer = { ...customer, role: 'customer' })],
    ['a visitor', () => (fakeRequest.viewer = null)],
  ])('as %s', async (_who, become) => {
    const product = await insertTestProduct(db, 1000);
    const before = await db.read.select().from(products);
    become();
    const attempts = [
      () => createProductAction(idle, kettle()),
      () => updateProductAction(idle, kettle({ productId: product.id, stockShown: '' })),
      () => archiveProductAction(idle, form({ productId: product.id })),
      () => restoreProductAction(idle, form({ productId: product.id })),
    ];
    for (const attempt of attempts) {
      if (fakeRequest.viewer) await expect(attempt()).rejects.toThrow('403');
      else await expect(attempt()).resolves.toMatchObject({ status: 'error', code: 'SESSION_ENDED' });
    }
    expect(await db.read.select().from(products)).toEqual(before);
    expect(await db.read.select().from(auditLog).where(eq(auditLog.actorId, customer.id))).toEqual([]);
  });
});

describe('staff', () => {
  beforeEach(() => {
    fakeRequest.viewer = { ...staff, role: 'staff' };
  });

  it('get every bad field refused beside it, in words, and nothing is saved', async () => {
    const before = await db.read.select().from(products);
    const state = await createProductAction(idle, kettle({ name: ' ', price: '42.505', stock: '-1', taxRate: '8.125', categoryId: '999999' }));
    expect(state).toMatchObject({
      status: 'error',
      message: 'Please correct the highlighted fields.',
      fieldErrors: {
        name: ['Enter the product’s name.'],
        price: ['USD amounts have at most 2 decimals.'],
        stock: ['Enter a whole number from 0 to 1,000,000, or leave it empty if you do not track stock.'],
        taxRate: ['Use at most two decimals, such as 8.25.'],
      },
      values: { price: '42.505', stock: '-1' },
    });
    const missingCategory = await createProductAction(idle, kettle({ categoryId: '999999' }));
    expect(missingCategory).toMatchObject({ status: 'error', fieldErrors: { categoryId: ['Choose a category from the list.'] } });
    expect(await db.read.select().from(products)).toEqual(before);
  });

  it('refuse a text file named .png beside the Image field', async () => {
    const before = await db.read.select().from(products);
    const fake = new File(['just some text, not a picture'], 'kettle.png', { type: 'image/png' });
    expect(await createProductAction(idle, kettle({ image: fake }))).toMatchObject({ status: 'error', fieldErrors: { image: ['Choose a JPEG, PNG or WebP picture.'] } });
    expect(await db.read.select().from(products)).toEqual(before);
  });

  it('create a product with an image: stored in three widths, shown by its path, audited', async () => {
    const id = await createdId(createProductAction(idle, kettle({ name: 'Test Kettle', image: await png(), taxRate: '8,5' })));
    const [product] = await db.read.select().from(products).where(eq(products.id, id));
    expect(product).toMatchObject({ name: 'Test Kettle', slug: expect.stringMatching(/^test-kettle(-\d+)?$/), priceMinor: 4250, stock: 2, taxRateBp: 850, active: true });
    const imageId = uploadedImageId(product?.image ?? '');
    expect(imageId).toBeDefined();
    expect(fs.readdirSync(media).filter((file) => file.startsWith(imageId ?? '-')).sort()).toEqual([`${imageId}-1200.webp`, `${imageId}-320.webp`, `${imageId}-640.webp`]);
    const audits = await db.read.select().from(auditLog).where(eq(auditLog.action, 'product.create'));
    expect(audits.some((row) => row.actorId === staff.id && row.details?.includes(`"productId":${id}`))).toBe(true);
  });

  it('edit, archive and restore a product', async () => {
    const id = await createdId(createProductAction(idle, kettle({ name: 'Edited Kettle' })));
    const saved = await updateProductAction(idle, kettle({ productId: id, stockShown: '2', name: 'Edited Kettle', price: '1,234.50', stock: '9', taxRate: '18' }));
    expect(saved).toEqual({ status: 'success', message: 'Saved.' });
    expect((await db.read.select().from(products).where(eq(products.id, id)))[0]).toMatchObject({ priceMinor: 123_450, stock: 9, taxRateBp: 1800 });
    const bad = await updateProductAction(idle, kettle({ productId: id, stockShown: '9', price: '' }));
    expect(bad).toMatchObject({ status: 'error', fieldErrors: { price: ['Enter an amount such as 25.00.'] } });
    expect(await archiveProductAction(idle, form({ productId: id }))).toEqual({ status: 'success', message: 'Archived Edited Kettle.' });
    expect(await archiveProductAction(idle, form({ productId: id }))).toEqual({ status: 'success', message: 'Edited Kettle was already archived.' });
    expect((await db.read.select().from(products).where(eq(products.id, id)))[0]?.archivedAt).toBeInstanceOf(Date);
    expect(await restoreProductAction(idle, form({ productId: id }))).toEqual({ status: 'success', message: 'Restored Edited Kettle: it is back in the catalog.' });
    expect(await archiveProductAction(idle, form({ productId: 987_654 }))).toEqual({ status: 'error', message: 'This product no longer exists.' });
  });
});
