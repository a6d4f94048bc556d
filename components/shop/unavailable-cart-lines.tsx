import { useTranslations } from 'next-intl';
import type { UnavailableLine } from '@/lib/shop/cart';
import type { FormAction } from '@/lib/validations/action-state';
import { RemoveCartLineForm } from './remove-cart-line-form';

/** Cart lines whose product was archived, hidden or deleted: named, never priced, each with "Remove". */
export function UnavailableCartLines({ lines, removeAction }: { lines: UnavailableLine[]; removeAction: FormAction }) {
  const t = useTranslations('cart');
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="unavailable-heading" className="rounded-lg border border-amber-200 bg-amber-50 p-4">
      <h2 id="unavailable-heading" className="font-medium text-amber-900">
        {t('unavailableHeading')}
      </h2>
      <p className="mt-1 text-sm text-amber-900">{t('unavailable')}</p>
      <ul className="mt-3 divide-y divide-amber-200">
        {lines.map((line) => {
          const name = line.name ?? t('unknownProduct');
          return (
            <li key={line.productId} data-testid="unavailable-line" className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm text-stone-800">
              <span>{t('unavailableLine', { quantity: line.quantity, name })}</span>
              <RemoveCartLineForm action={removeAction} productId={line.productId} productName={name} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
