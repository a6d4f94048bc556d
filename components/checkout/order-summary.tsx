import { useTranslations } from 'next-intl';
import { Cell, HeaderCell, Row, Table, TableBody, TableFoot, TableHead, TotalRow } from '@/components/tables/table';
import { Money } from '@/components/ui/money';

export type SummaryLine = { key: string | number; name: string; quantity: number; unitPriceMinor: number; amount: number };

/**
 * The breakdown under the lines, all computed on the server: the goods and shipping as the shop
 * writes prices, and the tax (added to them when prices exclude tax, contained in them when they
 * include it). subtotal + shipping (+ tax when excluded) = total.
 */
export type SummaryTotals = {
  subtotal: number;
  /** null: no shipping line (the shop offers no shipping method). */
  shipping: number | null;
  tax: number;
  pricesIncludeTax: boolean;
};

/** The lines and total of an order (or of a cart about to become one), with subtotal, shipping and tax when `totals` is given. */
export function OrderSummary({
  lines,
  total,
  currency,
  title,
  totals,
}: {
  lines: SummaryLine[];
  total: number;
  currency: string;
  title?: string;
  totals?: SummaryTotals;
}) {
  const t = useTranslations('checkout.summary');
  const heading = title ?? t('title');
  return (
    <section aria-labelledby="order-summary-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id="order-summary-heading" className="mb-3 text-lg font-medium">
        {heading}
      </h2>
      <Table caption={heading} bare>
        <TableHead bare>
          <HeaderCell className="py-2">{t('product')}</HeaderCell>
          <HeaderCell numeric className="py-2">
            {t('quantity')}
          </HeaderCell>
          <HeaderCell numeric className="py-2">
            {t('unitPrice')}
          </HeaderCell>
          <HeaderCell numeric className="py-2">
            {t('amount')}
          </HeaderCell>
        </TableHead>
        <TableBody>
          {lines.map((line) => (
            <Row key={line.key}>
              <Cell wide className="py-2">
                {line.name}
              </Cell>
              <Cell label={t('quantity')} numeric className="py-2">
                {line.quantity}
              </Cell>
              <Cell label={t('unitPrice')} numeric className="py-2">
                <Money amount={line.unitPriceMinor} currency={currency} />
              </Cell>
              <Cell label={t('amount')} numeric className="py-2">
                <Money amount={line.amount} currency={currency} />
              </Cell>
            </Row>
          ))}
        </TableBody>
        <TableFoot>
          {totals ? (
            <>
              <TotalRow label={t('subtotal')} span={3} testId="order-subtotal">
                <Money amount={totals.subtotal} currency={currency} />
              </TotalRow>
              {totals.shipping === null ? null : (
                <TotalRow label={t('shipping')} span={3} testId="order-shipping">
                  {totals.shipping === 0 ? t('free') : <Money amount={totals.shipping} currency={currency} />}
                </TotalRow>
              )}
              {totals.pricesIncludeTax ? null : (
                <TotalRow label={t('tax')} span={3} testId="order-tax">
                  <Money amount={totals.tax} currency={currency} />
                </TotalRow>
              )}
            </>
          ) : null}
          <TotalRow label={t('total')} span={3} testId="order-total" emphasis="total">
            <Money amount={total} currency={currency} />
          </TotalRow>
          {totals?.pricesIncludeTax && totals.tax > 0 ? (
            <TotalRow label={t('taxIncluded')} span={3} testId="order-tax" emphasis="note">
              <Money amount={totals.tax} currency={currency} />
            </TotalRow>
          ) : null}
        </TableFoot>
      </Table>
    </section>
  );
}
