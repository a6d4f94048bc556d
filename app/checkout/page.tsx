import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { OrderSummary } from '@/components/checkout/order-summary';
import { VisitorCartMerge } from '@/components/shop/visitor-cart-merge';
import { buttonClasses } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { getCheckoutView } from '@/lib/checkout/queries';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney, toDecimalString } from '@/lib/money';
import { requireViewer } from '../_server/session';
import { mergeVisitorCartAction } from '../cart/actions';
import { readVisitorCart } from '../cart/cart-cookie';
import { payNow } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('checkout'))('title') };
}

export default async function CheckoutPage() {
  const viewer = await requireViewer('/checkout');
  const [t, locale] = await Promise.all([getTranslations('checkout'), getLocale()]);
  if ((await readVisitorCart()).length > 0) {
    return (
      <div>
        <PageHeading title={t('title')} />
        <VisitorCartMerge action={mergeVisitorCartAction} />
      </div>
    );
  }
  // Expired Wallet and Card holds are released by the 'expire-split-holds' job, never by a page.
  const view = await getCheckoutView(getDatabase().read, viewer.id);
  const { cart, walletAvailable, methods, cardProvider } = view;
  const quote = view.quotes[0];
  const walletShortfall = quote?.walletShortfall ?? 0;
  const split = quote?.split ?? null;

  if (cart.lines.length === 0) {
    return (
      <div>
        <PageHeading title={t('title')} />
        <div className="rounded-lg border border-stone-200 bg-white p-8 text-center shadow-sm">
          <p className="text-stone-700">{t('empty')}</p>
          <Link href="/" className={`${buttonClasses('primary')} mt-4`}>
            {t('continueShopping')}
          </Link>
        </div>
      </div>
    );
  }

  const shortfall = toDecimalString(walletShortfall, cart.currency);
  return (
    <div>
      <PageHeading title={t('title')}>
        <Link href="/cart" className="text-sm text-brand-700 underline">
          {t('backToCart')}
        </Link>
      </PageHeading>
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem] lg:items-start">
        <CheckoutForm
          action={payNow}
          checkoutKey={crypto.randomUUID()}
          cartVersion={view.version}
          methods={methods}
          total={cart.total}
          currency={cart.currency}
          wallet={{
            available: walletAvailable,
            shortfall: walletShortfall,
            topUpHref: `/my/wallet/add?amount=${shortfall}&return=/checkout`,
            topUpLabel: t('topUp', { amount: formatMoney(walletShortfall, cart.currency, intlLocale(isLocale(locale) ? locale : 'en')) }),
          }}
          split={split}
          cardLabel={cardProvider === 'stripe' ? t('method.card') : t('cardDemo')}
        />
        <OrderSummary
          lines={cart.lines.map((line) => ({ key: line.productId, ...line }))}
          total={cart.total}
          currency={cart.currency}
        />
      </div>
    </div>
  );
}
