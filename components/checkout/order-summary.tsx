import { useTranslations } from 'next-intl';
import { Money } from '@/components/ui/money';

export type SummaryLine = { key: string | number; name: string; quantity: number; unitPriceMinor: number; amount: number };

/** The lines and total of an order (or of a cart about to become one). */
export function OrderSummary({
  lines,
  total,
  currency,
  title,
}: {
  lines: SummaryLine[];
  total: number;
  currency: string;
  title?: string;
}) {
  const t = useTranslations('checkout.summary');
  const heading = title ?? t('title');
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
          <tr className="border-t border-stone-200">
            <th scope="row" colSpan={3} className="pt-3 pr-3 text-right font-medium">
              {t('total')}
            </th>
            <td className="pt-3 text-right text-base font-semibold" data-testid="order-total">
              <Money amount={total} currency={currency} />
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
