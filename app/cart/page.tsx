import type { Metadata } from 'next';
import Link from 'next/link';
import { getDatabase } from '@/db';
import { CartLines } from '@/components/shop/cart-lines';
import { VisitorCartMerge } from '@/components/shop/visitor-cart-merge';
import { buttonClasses } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { getCart, priceCart } from '@/lib/shop/cart';
import { currentViewer } from '../_server/session';
import { mergeVisitorCartAction, removeCartLineAction, updateCartQuantityAction } from './actions';
import { readVisitorCart } from './cart-cookie';

export const metadata: Metadata = { title: 'Cart' };

export default async function CartPage() {
  const viewer = await currentViewer();
  const visitorEntries = await readVisitorCart();
  if (viewer && visitorEntries.length > 0) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeading title="Cart" />
        <VisitorCartMerge action={mergeVisitorCartAction} />
      </div>
    );
  }
  const { read } = getDatabase();
  const cart = viewer ? await getCart(read, viewer.id) : await priceCart(read, visitorEntries);

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title="Cart" />
      {cart.unavailableCount > 0 ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some products in your cart are no longer available and were left out.
        </p>
      ) : null}
      {cart.lines.length === 0 ? (
        <div className="rounded-lg border border-stone-200 bg-white p-8 text-center shadow-sm">
          <p className="text-stone-700">Your cart is empty.</p>
          <Link href="/" className={`${buttonClasses('primary')} mt-4`}>
            Continue shopping
          </Link>
        </div>
      ) : (
        <>
          <CartLines cart={cart} updateAction={updateCartQuantityAction} removeAction={removeCartLineAction} />
          <div className="flex flex-wrap items-center justify-end gap-3">
            <Link href="/" className={buttonClasses('secondary')}>
              Continue shopping
            </Link>
            <Link href="/checkout" className={buttonClasses('primary')}>
              Checkout
            </Link>
          </div>
          {viewer ? null : (
            <p className="text-right text-sm text-stone-600">You will be asked to sign in; your cart comes with you.</p>
          )}
        </>
      )}
    </div>
  );
}
