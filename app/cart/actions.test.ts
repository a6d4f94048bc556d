// "Add to Cart" and the quantity box against stock, for a visitor (cookie cart) and a signed-in
// shopper (server cart): refused in words that say how many are left, nothing changed.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { listCartEntries } from '@/lib/shop/cart';
import { parseVisitorCart } from '@/lib/shop/cart-entries';
import { insertTestProduct } from '@/test/helpers/checkout';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';

vi.mock('@/app/_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));
vi.mock('next/headers', () => import('@/test/helpers/fake-next').then((fake) => fake.headers));

const { addToCartAction, updateCartQuantityAction } = await import('./actions');

const idle = { status: 'idle' } as const;
const db = getDatabase();
const shopper = await insertTestUser(db);

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

const visitorCart = () => parseVisitorCart(fakeRequest.cookies.get('coffer_cart'));

describe.each([
  ['a visitor', () => (fakeRequest.viewer = null), async () => visitorCart()],
  ['a signed-in shopper', () => (fakeRequest.viewer = { ...shopper, role: 'customer' }), async () => listCartEntries(db.read, shopper.id)],
])('%s', (_who, become, cart) => {
  beforeEach(async () => {
    fakeRequest.cookies.clear();
    become();
  });

  it('cannot add a product out of stock', async () => {
    const soldOut = await insertTestProduct(db, 1800, { stock: 0 });
    expect(await addToCartAction(idle, form({ productId: soldOut.id, quantity: 1 }))).toEqual({ status: 'error', message: 'This product is out of stock.' });
    expect((await cart()).filter((line) => line.productId === soldOut.id)).toEqual([]);
  });

  it('is told how many are left, counting what the cart holds', async () => {
    const kettle = await insertTestProduct(db, 4200, { stock: 2 });
    expect(await addToCartAction(idle, form({ productId: kettle.id, quantity: 3 }))).toEqual({ status: 'error', message: 'Only 2 are left.' });
    expect(await addToCartAction(idle, form({ productId: kettle.id, quantity: 1 }))).toMatchObject({ status: 'success' });
    expect(await addToCartAction(idle, form({ productId: kettle.id, quantity: 2 }))).toEqual({
      status: 'error',
      message: 'Only 2 are left, and you already have 1 in your cart.',
    });
    expect(await updateCartQuantityAction(idle, form({ productId: kettle.id, quantity: 3 }))).toEqual({ status: 'error', message: 'Only 2 are left.' });
    expect((await cart()).filter((line) => line.productId === kettle.id)).toEqual([{ productId: kettle.id, quantity: 1 }]);
    expect(await addToCartAction(idle, form({ productId: kettle.id, quantity: 1 }))).toMatchObject({ status: 'success' });
    expect((await cart()).filter((line) => line.productId === kettle.id)).toEqual([{ productId: kettle.id, quantity: 2 }]);
  });

  it('says "Only 1 is left" in the singular', async () => {
    const last = await insertTestProduct(db, 4200, { stock: 1 });
    expect(await addToCartAction(idle, form({ productId: last.id, quantity: 2 }))).toEqual({ status: 'error', message: 'Only 1 is left.' });
  });

  it('cannot add an archived product', async () => {
    const archived = await insertTestProduct(db, 4200, { archivedAt: new Date() });
    expect(await addToCartAction(idle, form({ productId: archived.id, quantity: 1 }))).toEqual({ status: 'error', message: 'This product is no longer available.' });
  });
});
