import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { CartLines } from '@/components/shop/cart-lines';
import { UnavailableCartLines } from '@/components/shop/unavailable-cart-lines';
import { VisitorCartMerge } from '@/components/shop/visitor-cart-merge';
import { buttonClasses } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { getCart, priceCart } from '@/lib/shop/cart';
import { currentViewer } from '../_server/session';
import { mergeVisitorCartAction, removeCartLineAction, updateCartQuantityAction } from './actions';
import { readVisitorCart } from './cart-cookie';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cart'))('title') };
}

export default async function CartPage() {
  const t = await getTranslations('cart');
  const viewer = await currentViewer();
  const visitorEntries = await readVisitorCart();
  if (viewer && visitorEntries.length > 0) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeading title={t('title')} />
        <VisitorCartMerge action={mergeVisitorCartAction} />
      </div>
    );
  }
  const { read } = getDatabase();
  const cart = viewer ? await getCart(read, viewer.id) : await priceCart(read, visitorEntries);

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('title')} />
      <UnavailableCartLines lines={cart.unavailable} removeAction={removeCartLineAction} />
      {cart.stockProblemCount > 0 ? (
        <p role="status" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t('stockProblems', { count: cart.stockProblemCount })}
        </p>
      ) : null}
      {cart.lines.length === 0 ? (
        <div className="rounded-lg border border-stone-200 bg-white p-8 text-center shadow-sm">
          <p className="text-stone-700">{t('empty')}</p>
          <Link href="/" className={`${buttonClasses('primary')} mt-4`}>
            {t('continueShopping')}
          </Link>
        </div>
      ) : (
        <>
          <CartLines cart={cart} updateAction={updateCartQuantityAction} removeAction={removeCartLineAction} />
          <div className="flex flex-wrap items-center justify-end gap-3">
            <Link href="/" className={buttonClasses('secondary')}>
              {t('continueShopping')}
            </Link>
            <Link href="/checkout" className={buttonClasses('primary')}>
              {t('checkout')}
            </Link>
          </div>
          {viewer ? null : (
            <p className="text-right text-sm text-stone-600">{t('signInNote')}</p>
          )}
        </>
      )}
    </div>
  );
}
