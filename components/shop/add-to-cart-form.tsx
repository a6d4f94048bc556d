'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/**
 * Quantity and "Add to Cart" on a product page; the price is never sent, the server looks it up.
 * Out of stock, the button is disabled and says why (the server refuses such a product anyway).
 */
export function AddToCartForm({ action, productId, outOfStock = false }: { action: FormAction; productId: number; outOfStock?: boolean }) {
  const t = useTranslations('shop.addToCart');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="productId" value={productId} />
      <Field
        label={t('quantity')}
        name="quantity"
        type="number"
        inputMode="numeric"
        min={1}
        max={99}
        step={1}
        defaultValue={values?.quantity ?? '1'}
        errors={errors?.quantity}
        className="max-w-28"
        required
      />
      {outOfStock ? (
        <p id="add-to-cart-out-of-stock" className="text-sm text-red-700">
          {t('outOfStock')}
        </p>
      ) : null}
      <FormMessage state={state} />
      <div className="flex flex-wrap items-center gap-4">
        {outOfStock ? (
          <Button type="submit" disabled aria-describedby="add-to-cart-out-of-stock">
            {t('submit')}
          </Button>
        ) : (
          <SubmitButton pendingLabel={t('pending')}>{t('submit')}</SubmitButton>
        )}
        {state.status === 'success' ? (
          <Link href="/cart" className="text-sm text-brand-700 underline">
            {t('viewCart')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
