'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { addToCart, mergeVisitorCart, removeFromCart, setCartQuantity, stockRefusal, type CartChange } from '@/lib/shop/cart';
import { addEntry, MAX_CART_LINES, MAX_LINE_QUANTITY, removeEntry, setEntry } from '@/lib/shop/cart-entries';
import { getProductById } from '@/lib/shop/catalog';
import { addToCartSchema, cartQuantitySchema, removeCartLineSchema } from '@/lib/validations/checkout';
import type { ActionState } from '@/lib/validations/action-state';
import { currentViewer, type Viewer } from '../_server/session';
import { cartAction } from './cart-action';
import { readVisitorCart, writeVisitorCart } from './cart-cookie';

/** A signed-in shopper's leftover visitor cart joins the server cart before anything else changes. */
async function mergeLeftoverVisitorCart(viewer: Viewer): Promise<void> {
  const visitorEntries = await readVisitorCart();
  if (visitorEntries.length === 0) return;
  await mergeVisitorCart(getDatabase(), viewer.id, visitorEntries);
  await writeVisitorCart([]);
}

type CartWords = Awaited<ReturnType<typeof getTranslations<'cart.result'>>>;

/** The shopper's words for a refusal code from lib/shop/cart. */
function refusalText(t: CartWords, change: Extract<CartChange, { ok: false }>): string {
  const number = (name: string) => {
    const value = change.params[name];
    return typeof value === 'number' ? value : 0;
  };
  switch (change.code) {
    case 'PRODUCT_NOT_ON_SALE':
      return t('productUnavailable');
    case 'CART_FULL':
      return t('tooManyLines', { max: MAX_CART_LINES });
    case 'NOT_IN_CART':
      return t('notInCart');
    case 'OUT_OF_STOCK':
      return t('outOfStock');
    case 'NOT_ENOUGH_STOCK':
      return t('notEnoughStock', { left: number('left'), inCart: number('inCart') });
  }
}

function outcome(t: CartWords, change: CartChange, message: string): ActionState {
  revalidatePath('/', 'layout');
  if (change.ok) return { status: 'success', message };
  return { status: 'error', message: refusalText(t, change) };
}

/** "Add to Cart": the server cart for a signed-in shopper, the cart cookie for a visitor. */
export const addToCartAction = cartAction(addToCartSchema, async ({ productId, quantity }, viewer) => {
  const t = await getTranslations('cart.result');
  const product = await getProductById(getDatabase().read, productId);
  if (!product) return { status: 'error', message: t('productUnavailable') };
  const added = t('added', { quantity, name: product.name });
  if (viewer) {
    await mergeLeftoverVisitorCart(viewer);
    return outcome(t, await addToCart(getDatabase(), viewer.id, productId, quantity), added);
  }
  const entries = await readVisitorCart();
  const inCart = entries.find((entry) => entry.productId === productId)?.quantity ?? 0;
  const refusal = stockRefusal(product, Math.min(inCart + quantity, MAX_LINE_QUANTITY), inCart);
  if (refusal) return outcome(t, refusal, added);
  const next = addEntry(entries, productId, quantity);
  if (!next.some((entry) => entry.productId === productId)) {
    return { status: 'error', message: t('tooManyLines', { max: MAX_CART_LINES }) };
  }
  await writeVisitorCart(next);
  return outcome(t, { ok: true }, added);
});

/** Changes the quantity of a cart line. */
export const updateCartQuantityAction = cartAction(cartQuantitySchema, async ({ productId, quantity }, viewer) => {
  const t = await getTranslations('cart.result');
  if (viewer) {
    await mergeLeftoverVisitorCart(viewer);
    return outcome(t, await setCartQuantity(getDatabase(), viewer.id, productId, quantity), t('quantityUpdated'));
  }
  const entries = await readVisitorCart();
  if (!entries.some((entry) => entry.productId === productId)) {
    revalidatePath('/', 'layout');
    return { status: 'error', message: t('notInCart') };
  }
  const product = await getProductById(getDatabase().read, productId);
  const refusal = product ? stockRefusal(product, quantity) : null;
  if (refusal) return outcome(t, refusal, t('quantityUpdated'));
  await writeVisitorCart(setEntry(entries, productId, quantity));
  return outcome(t, { ok: true }, t('quantityUpdated'));
});

/** Removes a line from the cart. */
export const removeCartLineAction = cartAction(removeCartLineSchema, async ({ productId }, viewer) => {
  if (viewer) {
    await mergeLeftoverVisitorCart(viewer);
    await removeFromCart(getDatabase(), viewer.id, productId);
  } else {
    await writeVisitorCart(removeEntry(await readVisitorCart(), productId));
  }
  const t = await getTranslations('cart.result');
  return outcome(t, { ok: true }, t('removed'));
});

/**
 * Brings a freshly signed-in shopper's visitor cart (the cookie) into their server cart and
 * deletes the cookie; /cart and /checkout submit it on their own when such a cookie is present.
 */
export async function mergeVisitorCartAction(): Promise<void> {
  const viewer = await currentViewer();
  if (!viewer) return;
  await mergeLeftoverVisitorCart(viewer);
  revalidatePath('/', 'layout');
}
