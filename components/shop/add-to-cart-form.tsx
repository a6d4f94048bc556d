'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** Quantity and "Add to Cart" on a product page; the price is never sent, the server looks it up. */
export function AddToCartForm({ action, productId }: { action: FormAction; productId: number }) {
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
      <FormMessage state={state} />
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pendingLabel={t('pending')}>{t('submit')}</SubmitButton>
        {state.status === 'success' ? (
          <Link href="/cart" className="text-sm text-brand-700 underline">
            {t('viewCart')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
