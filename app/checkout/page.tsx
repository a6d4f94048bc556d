import crypto from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getDatabase } from '@/db';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { OrderSummary } from '@/components/checkout/order-summary';
import { VisitorCartMerge } from '@/components/shop/visitor-cart-merge';
import { buttonClasses } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { getCheckoutView } from '@/lib/checkout/queries';
import { formatMoney, toDecimalString } from '@/lib/money';
import { requireViewer } from '../_server/session';
import { mergeVisitorCartAction } from '../cart/actions';
import { readVisitorCart } from '../cart/cart-cookie';
import { payNow } from './actions';

export const metadata: Metadata = { title: 'Checkout' };

export default async function CheckoutPage() {
  const viewer = await requireViewer('/checkout');
  if ((await readVisitorCart()).length > 0) {
    return (
      <div>
        <PageHeading title="Checkout" />
        <VisitorCartMerge action={mergeVisitorCartAction} />
      </div>
    );
  }
  // Expired Wallet and Card holds are released by the 'expire-split-holds' job, never by a page.
  const { cart, walletAvailable, walletShortfall, methods, cardProvider, split } = await getCheckoutView(getDatabase().read, viewer.id);

  if (cart.lines.length === 0) {
    return (
      <div>
        <PageHeading title="Checkout" />
        <div className="rounded-lg border border-stone-200 bg-white p-8 text-center shadow-sm">
          <p className="text-stone-700">Your cart is empty.</p>
          <Link href="/" className={`${buttonClasses('primary')} mt-4`}>
            Continue shopping
          </Link>
        </div>
      </div>
    );
  }

  const shortfall = toDecimalString(walletShortfall, cart.currency);
  return (
    <div>
      <PageHeading title="Checkout">
        <Link href="/cart" className="text-sm text-brand-700 underline">
          Back to cart
        </Link>
      </PageHeading>
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem] lg:items-start">
        <CheckoutForm
          action={payNow}
          checkoutKey={crypto.randomUUID()}
          cartVersion={cart.version}
          methods={methods}
          total={cart.total}
          currency={cart.currency}
          wallet={{
            available: walletAvailable,
            shortfall: walletShortfall,
            topUpHref: `/my/wallet/add?amount=${shortfall}&return=/checkout`,
            topUpLabel: `Add ${formatMoney(walletShortfall, cart.currency)} to your wallet`,
          }}
          split={split}
          cardLabel={cardProvider === 'stripe' ? 'Card' : 'Card (Demo — no real money is charged)'}
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
