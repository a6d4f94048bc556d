import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getDatabase } from '@/db';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { VisitorCartMerge } from '@/components/shop/visitor-cart-merge';
import { buttonClasses } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { getCheckoutView } from '@/lib/checkout/queries';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { countryName, countryOptions } from '@/lib/delivery/countries';
import { requireViewer } from '../_server/session';
import { mergeVisitorCartAction } from '../cart/actions';
import { readVisitorCart } from '../cart/cart-cookie';
import { payNow } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('checkout'))('title') };
}

export default async function CheckoutPage() {
  const viewer = await requireViewer('/checkout');
  const [t, locale, method] = await Promise.all([getTranslations('checkout'), getLocale(), getTranslations('statuses.paymentMethod')]);
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
  const { cart } = view;

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

  const readerLocale = intlLocale(isLocale(locale) ? locale : 'en');
  const countries = countryOptions(readerLocale);
  return (
    <div>
      <PageHeading title={t('title')}>
        <Link href="/cart" className="text-sm text-brand-700 underline">
          {t('backToCart')}
        </Link>
      </PageHeading>
      {view.stockIssues.length > 0 ? (
        <div role="alert" className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="font-medium">{t('stock.heading')}</p>
          <ul className="mt-1 list-disc pl-5">
            {view.stockIssues.map((issue) => (
              <li key={issue.productId}>{t('stock.line', { name: issue.name, left: issue.left, quantity: issue.quantity })}</li>
            ))}
          </ul>
          <Link href="/cart" className="mt-1 inline-block font-medium text-brand-700 underline">
            {t('stock.fix')}
          </Link>
        </div>
      ) : null}
      <CheckoutForm
        action={payNow}
        checkoutKey={crypto.randomUUID()}
        cartVersion={view.version}
        currency={cart.currency}
        methods={view.methods}
        walletAvailable={view.walletAvailable}
        cardLabel={view.cardProvider === 'stripe' ? method('card') : t('cardDemo')}
        shippingOptions={view.shippingMethods.map((method) => ({
          id: method.id,
          name: method.name,
          kind: method.kind,
          price: method.priceMinor,
          freeAbove: method.freeAboveMinor,
        }))}
        quotes={view.quotes}
        addresses={view.addresses.map((address) => ({
          id: address.id,
          label: [address.fullName, address.address, `${address.postalCode} ${address.city}`, countryName(address.country, readerLocale), address.phone].join(', '),
        }))}
        countries={countries}
        defaultCountry={view.defaultCountry}
        lines={cart.lines.map((line) => ({ key: line.productId, ...line }))}
        pricesIncludeTax={view.pricesIncludeTax}
      />
    </div>
  );
}
