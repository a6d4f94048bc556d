import 'server-only';
import { cookies } from 'next/headers';
import { getDatabase } from '@/db';
import { appConfig } from '@/lib/config';
import { cartItemCount, visitorCartItemCount } from '@/lib/shop/cart';
import { parseVisitorCart, serializeVisitorCart, type CartEntry } from '@/lib/shop/cart-entries';

// A visitor's cart lives in this cookie (product ids and quantities only, re-validated on every
// read); it moves into the server cart once the visitor signs in.
const cookieName = 'coffer_cart';
const thirtyDays = 60 * 60 * 24 * 30;

/** The visitor cart carried by this request (empty when there is none or it is malformed). */
export async function readVisitorCart(): Promise<CartEntry[]> {
  return parseVisitorCart((await cookies()).get(cookieName)?.value);
}

/** Stores the visitor cart (server actions and route handlers only). */
export async function writeVisitorCart(entries: readonly CartEntry[]): Promise<void> {
  const store = await cookies();
  if (entries.length === 0) {
    store.delete(cookieName);
    return;
  }
  store.set(cookieName, serializeVisitorCart(entries), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: thirtyDays,
    secure: appConfig().appUrl.startsWith('https://'),
  });
}

/** The number in the header's "Cart (n)": the server cart, plus a visitor cart not merged yet. */
export async function headerCartCount(viewer: { id: number } | null): Promise<number> {
  const visitorEntries = await readVisitorCart();
  const { read } = getDatabase();
  return viewer ? cartItemCount(read, viewer.id, visitorEntries) : visitorCartItemCount(read, visitorEntries);
}
