// "Pay Now" as the checkout form sends it: shipping method, address and words beside the fields.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { orders, products, shippingMethods, type ShippingMethod } from '@/db/schema';
import { listAddresses } from '@/lib/delivery/addresses';
import { seedShippingMethods } from '@/lib/delivery/seed';
import { listCartEntries } from '@/lib/shop/cart';
import { codeMessage, fieldMessage } from '@/lib/validations/messages';
import { fillTestCart, insertTestProduct } from '@/test/helpers/checkout';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';
import { wordedError, wordedFieldErrors } from './words';

vi.mock('@/app/_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));
vi.mock('next/headers', () => import('@/test/helpers/fake-next').then((fake) => fake.headers));

const { payNow } = await import('./actions');

const db = getDatabase();
const idle = { status: 'idle' } as const;
const address = { fullName: 'Sam Shopper', address: '1 Main Street', city: 'Springfield', postalCode: '12345', country: 'US', phone: '+1 555 010 0199' };
let standard: ShippingMethod;
let pickup: ShippingMethod;

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

async function signedInShopperWithCart(stock: number | null = null) {
  const shopper = await insertTestUser(db);
  const product = await insertTestProduct(db, 2000, { stock, name: 'Oak Wall Clock' });
  await fillTestCart(db, shopper.id, [{ product, quantity: 2 }]);
  fakeRequest.viewer = { ...shopper, role: 'customer' };
  return { shopper, product };
}

async function pay(fields: Record<string, string | number>): Promise<unknown> {
  try {
    return await payNow(idle, form({ method: 'cash_on_delivery', checkoutKey: crypto.randomUUID(), cartVersion: 'not-compared', ...fields }));
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('NEXT_REDIRECT;')) return { redirect: error.message.slice('NEXT_REDIRECT;'.length) };
    throw error;
  }
}

beforeAll(async () => {
  await db.write((tx) => seedShippingMethods(tx, { currency: 'USD', locale: 'en' }));
  const methods = await db.read.select().from(shippingMethods).orderBy(shippingMethods.sortOrder);
  standard = methods.find((m) => m.kind === 'delivery') as ShippingMethod;
  pickup = methods.find((m) => m.kind === 'pickup') as ShippingMethod;
});

describe('payNow with delivery', () => {
  it('refuses a fingerprint that is not the one the page showed as a changed cart, creating nothing', async () => {
    const { shopper } = await signedInShopperWithCart();
    const outcome = await payNow(idle, form({ method: 'cash_on_delivery', checkoutKey: crypto.randomUUID(), cartVersion: 'x', shippingMethodId: standard.id, addressId: 'new', ...address }));
    expect(outcome).toMatchObject({ status: 'error', code: 'CART_CHANGED' });
    expect(await listCartEntries(db.read, shopper.id)).toHaveLength(1);
  });

  it('a new address: the order goes to it with shipping, and the address is remembered', async () => {
    const { shopper } = await signedInShopperWithCart();
    const { getCheckoutView } = await import('@/lib/checkout/queries');
    const view = await getCheckoutView(db.read, shopper.id);
    const outcome = await pay({ cartVersion: view.version, shippingMethodId: standard.id, addressId: 'new', ...address, country: 'us' });
    expect(outcome).toMatchObject({ redirect: expect.stringMatching(/^\/my\/orders\/S\d{5}$/) });
    const [order] = await db.read.select().from(orders).where(eq(orders.userId, shopper.id));
    expect(order).toMatchObject({ amountTotal: 4000 + 490, amountShipping: 490, deliveryName: 'Sam Shopper', deliveryCountry: 'US' });
    expect(await listAddresses(db.read, shopper.id)).toHaveLength(1);
  });

  it('words a bad address beside each field and creates nothing', async () => {
    const { shopper } = await signedInShopperWithCart();
    const outcome = await payNow(
      idle,
      form({ method: 'cash_on_delivery', checkoutKey: crypto.randomUUID(), cartVersion: 'v', shippingMethodId: standard.id, addressId: 'new', ...address, fullName: ' ', country: 'XX', phone: 'call me' }),
    );
    expect(outcome).toMatchObject({
      status: 'error',
      message: 'Please correct the highlighted fields.',
      fieldErrors: {
        fullName: ['Enter the name of the person receiving the order.'],
        country: ['Choose a country.'],
        phone: ['Enter a phone number of 6 to 20 digits, e.g. +1 555 010 0199.'],
      },
      values: { city: 'Springfield' },
    });
    expect(await db.read.select().from(orders).where(eq(orders.userId, shopper.id))).toEqual([]);
  });

  it('Pick up in store ignores address fields; no shipping choice is refused beside the shipping methods', async () => {
    const { shopper } = await signedInShopperWithCart();
    const { getCheckoutView } = await import('@/lib/checkout/queries');
    const version = (await getCheckoutView(db.read, shopper.id)).version;
    expect(await pay({ cartVersion: version })).toMatchObject({
      status: 'error',
      code: 'SHIPPING_REQUIRED',
      fieldErrors: { shippingMethodId: ['Choose how you would like to receive your order.'] },
    });
    expect(await pay({ cartVersion: version, shippingMethodId: pickup.id, addressId: 'new', fullName: '' })).toMatchObject({ redirect: expect.any(String) });
    const [order] = await db.read.select().from(orders).where(eq(orders.userId, shopper.id));
    expect(order).toMatchObject({ shippingMethodId: pickup.id, deliveryAddress: null, amountTotal: 4000 });
  });

  it('out of stock: says which product and how many are left, and keeps the cart', async () => {
    const { shopper, product } = await signedInShopperWithCart(2);
    await db.write((tx) => tx.update(products).set({ stock: 1 }).where(eq(products.id, product.id)));
    const { getCheckoutView } = await import('@/lib/checkout/queries');
    const version = (await getCheckoutView(db.read, shopper.id)).version;
    expect(await pay({ cartVersion: version, shippingMethodId: pickup.id })).toMatchObject({
      status: 'error',
      code: 'OUT_OF_STOCK',
      message: 'Only 1 of Oak Wall Clock left. Change the quantity in your cart and pay again.',
    });
    expect(await listCartEntries(db.read, shopper.id)).toEqual([{ productId: product.id, quantity: 2 }]);
  });
});

describe('the words of checkout and delivery codes', () => {
  it('words delivery validation keys and codes, and leaves the rest to the errors catalogue', async () => {
    expect(
      await wordedFieldErrors({
        a: [fieldMessage('taxRateInvalid')],
        b: [fieldMessage('minutesRange', { min: 5, max: 10_080 })],
        c: [codeMessage('INVALID_SHIPPING_METHOD', { reason: 'price' })],
        d: [fieldMessage('tooLong', { max: 3 })],
      }),
    ).toEqual({
      a: ['Enter a rate from 0 to 100, with at most two decimals, e.g. 18 or 8.5.'],
      b: ['Enter from 5 to 10,080 minutes.'],
      c: ['The price must be zero or more.'],
      d: ['validation.tooLong {"max":3}'],
    });
    expect(await wordedError('OUT_OF_STOCK', { name: 'Lamp', left: 0 })).toBe('Lamp is sold out. Change the quantity in your cart and pay again.');
    expect(await wordedError('EMPTY_CART')).toBe('Your cart is empty. Add something before checking out.');
  });
});
