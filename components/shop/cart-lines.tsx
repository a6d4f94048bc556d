import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ProductImage } from '@/components/catalog/product-image';
import { Cell, HeaderCell, Row, Table, TableBody, TableFoot, TableHead, TotalRow } from '@/components/tables/table';
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
    <Table caption={t('caption')}>
      <TableHead>
        <HeaderCell>{t('product')}</HeaderCell>
        <HeaderCell numeric>{t('unitPrice')}</HeaderCell>
        <HeaderCell>{t('quantity')}</HeaderCell>
        <HeaderCell numeric>{t('total')}</HeaderCell>
      </TableHead>
      <TableBody>
        {cart.lines.map((line) => (
          <Row key={line.productId} data-testid="cart-line">
            <Cell wide>
              <Link href={`/products/${line.slug}`} className="flex items-center gap-3 hover:underline">
                <ProductImage src={line.image} alt="" width={56} height={42} sizes="56px" className="shrink-0 rounded bg-stone-100" />
                <span className="font-medium text-stone-900">{line.name}</span>
              </Link>
              {line.stockProblem ? (
                <p className="mt-1" data-testid="line-stock">
                  <Badge tone="danger">{line.stockProblem === 'out_of_stock' ? lineWords('outOfStock') : lineWords('onlyLeft', { left: line.stock ?? 0 })}</Badge>
                </p>
              ) : null}
            </Cell>
            <Cell label={t('unitPrice')} numeric>
              <Money amount={line.unitPriceMinor} currency={cart.currency} />
            </Cell>
            <Cell label={t('quantity')}>
              <CartLineControls
                productId={line.productId}
                productName={line.name}
                quantity={line.quantity}
                updateAction={updateAction}
                removeAction={removeAction}
              />
            </Cell>
            <Cell label={t('total')} numeric className="font-medium" data-testid="line-total">
              <Money amount={line.amount} currency={cart.currency} />
            </Cell>
          </Row>
        ))}
      </TableBody>
      <TableFoot>
        <TotalRow label={t('orderTotal')} span={3} testId="cart-total" emphasis="total">
          <Money amount={cart.total} currency={cart.currency} />
        </TotalRow>
      </TableFoot>
    </Table>
  );
}
