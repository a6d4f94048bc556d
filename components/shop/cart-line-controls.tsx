'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** A cart line's quantity (with "Update") and "Remove"; errors show next to the quantity. */
export function CartLineControls({
  productId,
  productName,
  quantity,
  updateAction,
  removeAction,
}: {
  productId: number;
  productName: string;
  quantity: number;
  updateAction: FormAction;
  removeAction: FormAction;
}) {
  const t = useTranslations('cart.line');
  const [updateState, update] = useActionState(updateAction, { status: 'idle' });
  const [removeState, remove] = useActionState(removeAction, { status: 'idle' });
  const inputId = `quantity-${productId}`;
  const errorId = `${inputId}-error`;
  const error =
    updateState.status === 'error'
      ? (updateState.fieldErrors?.quantity?.join(' ') ?? updateState.message)
      : removeState.status === 'error'
        ? removeState.message
        : undefined;
  const typed = updateState.status === 'error' ? updateState.values?.quantity : undefined;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <form action={update} className="flex items-center gap-2" noValidate>
          <input type="hidden" name="productId" value={productId} />
          <label htmlFor={inputId} className="sr-only">
            {t('quantityOf', { name: productName })}
          </label>
          <input
            id={inputId}
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            max={99}
            step={1}
            key={quantity}
            defaultValue={typed ?? String(quantity)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className="w-20 rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500"
          />
          <SubmitButton variant="secondary" pendingLabel={t('updating')}>
            {t('update')}
          </SubmitButton>
        </form>
        <form action={remove}>
          <input type="hidden" name="productId" value={productId} />
          <SubmitButton variant="ghost" pendingLabel={t('removing')}>
            {t.rich('remove', { name: productName, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
          </SubmitButton>
        </form>
      </div>
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
