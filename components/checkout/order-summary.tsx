import { useTranslations } from 'next-intl';
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
  const row = (label: string, value: React.ReactNode, testId: string) => (
    <tr>
      <th scope="row" colSpan={3} className="pt-2 pr-3 text-right font-normal text-stone-600">
        {label}
      </th>
      <td className="pt-2 text-right" data-testid={testId}>
        {value}
      </td>
    </tr>
  );
  return (
    <section aria-labelledby="order-summary-heading" className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id="order-summary-heading" className="mb-3 text-lg font-medium">
        {heading}
      </h2>
      <table className="w-full text-sm">
        <caption className="sr-only">{heading}</caption>
        <thead className="text-xs uppercase tracking-wide text-stone-500">
          <tr>
            <th scope="col" className="py-2 text-left font-medium">
              {t('product')}
            </th>
            <th scope="col" className="py-2 pl-3 text-right font-medium">
              {t('quantity')}
            </th>
            <th scope="col" className="py-2 pl-3 text-right font-medium">
              {t('unitPrice')}
            </th>
            <th scope="col" className="py-2 pl-3 text-right font-medium">
              {t('amount')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {lines.map((line) => (
            <tr key={line.key}>
              <td className="py-2 pr-2">{line.name}</td>
              <td className="py-2 pl-3 text-right tabular-nums">{line.quantity}</td>
              <td className="py-2 pl-3 text-right">
                <Money amount={line.unitPriceMinor} currency={currency} />
              </td>
              <td className="py-2 pl-3 text-right">
                <Money amount={line.amount} currency={currency} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {totals ? (
            <>
              {row(t('subtotal'), <Money amount={totals.subtotal} currency={currency} />, 'order-subtotal')}
              {totals.shipping === null
                ? null
                : row(t('shipping'), totals.shipping === 0 ? t('free') : <Money amount={totals.shipping} currency={currency} />, 'order-shipping')}
              {totals.pricesIncludeTax ? null : row(t('tax'), <Money amount={totals.tax} currency={currency} />, 'order-tax')}
            </>
          ) : null}
          <tr className="border-t border-stone-200">
            <th scope="row" colSpan={3} className="pt-3 pr-3 text-right font-medium">
              {t('total')}
            </th>
            <td className="pt-3 text-right text-base font-semibold" data-testid="order-total">
              <Money amount={total} currency={currency} />
            </td>
          </tr>
          {totals?.pricesIncludeTax && totals.tax > 0 ? (
            <tr>
              <th scope="row" colSpan={3} className="pt-1 pr-3 text-right text-xs font-normal text-stone-500">
                {t('taxIncluded')}
              </th>
              <td className="pt-1 text-right text-xs text-stone-500" data-testid="order-tax">
                <Money amount={totals.tax} currency={currency} />
              </td>
            </tr>
          ) : null}
        </tfoot>
      </table>
    </section>
  );
}
