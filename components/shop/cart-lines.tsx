import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ProductImage } from '@/components/catalog/product-image';
import { Badge } from '@/components/ui/badge';
import { Money } from '@/components/ui/money';
import type { PricedCart } from '@/lib/shop/cart';
import type { FormAction } from '@/lib/validations/action-state';
import { CartLineControls } from './cart-line-controls';

/** The cart as a table: product, unit price, quantity controls, line total, and the order total. */
export function CartLines({
  cart,
  updateAction,
  removeAction,
}: {
  cart: PricedCart;
  updateAction: FormAction;
  removeAction: FormAction;
}) {
  const t = useTranslations('cart.table');
  const lineWords = useTranslations('cart.line');
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t('caption')}</caption>
        <thead className="bg-stone-100 text-xs uppercase tracking-wide text-stone-600">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('product')}
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              {t('unitPrice')}
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              {t('quantity')}
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              {t('total')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {cart.lines.map((line) => (
            <tr key={line.productId} data-testid="cart-line">
              <td className="px-4 py-3">
                <Link href={`/products/${line.slug}`} className="flex items-center gap-3 hover:underline">
                  <ProductImage src={line.image} alt="" width={56} height={42} sizes="56px" className="rounded bg-stone-100" />
                  <span className="font-medium text-stone-900">{line.name}</span>
                </Link>
                {line.stockProblem ? (
                  <p className="mt-1" data-testid="line-stock">
                    <Badge tone="danger">{line.stockProblem === 'out_of_stock' ? lineWords('outOfStock') : lineWords('onlyLeft', { left: line.stock ?? 0 })}</Badge>
                  </p>
                ) : null}
              </td>
              <td className="px-4 py-3 text-right">
                <Money amount={line.unitPriceMinor} currency={cart.currency} />
              </td>
              <td className="px-4 py-3">
                <CartLineControls
                  productId={line.productId}
                  productName={line.name}
                  quantity={line.quantity}
                  updateAction={updateAction}
                  removeAction={removeAction}
                />
              </td>
              <td className="px-4 py-3 text-right font-medium" data-testid="line-total">
                <Money amount={line.amount} currency={cart.currency} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-stone-200 bg-stone-50">
            <th scope="row" colSpan={3} className="px-4 py-3 text-right font-medium">
              {t('orderTotal')}
            </th>
            <td className="px-4 py-3 text-right text-base font-semibold" data-testid="cart-total">
              <Money amount={cart.total} currency={cart.currency} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
