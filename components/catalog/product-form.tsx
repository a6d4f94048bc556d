'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';
import { ProductImage } from './product-image';

/** The product form's fields as staff see and type them (money and rates in their way of writing numbers). */
export type ProductFormValues = {
  name: string;
  description: string;
  price: string;
  stock: string;
  taxRate: string;
  categoryId: string;
  active: boolean;
  /** The current picture (edit), or null. */
  image: string | null;
};

const control =
  'rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500';

/** ids for a field's hint and error, joined for aria-describedby. */
function described(name: string, errors: string[] | undefined, hint: boolean): string | undefined {
  return [errors?.length ? `field-${name}-error` : null, hint ? `field-${name}-hint` : null].filter(Boolean).join(' ') || undefined;
}

function FieldError({ name, errors }: { name: string; errors: string[] | undefined }) {
  return errors?.length ? (
    <p id={`field-${name}-error`} className="text-sm text-red-700">
      {errors.join(' ')}
    </p>
  ) : null;
}

/**
 * New Product and a product's edit page: "Name", "Description", "Price", "Stock", "Tax rate (%)",
 * "Category", "Image", "Active", "Save". The server reads and checks everything again; the image
 * is checked by its content there.
 */
export function ProductForm({
  action,
  current,
  categories,
  currency,
  defaultTaxRate,
  maxImageMegabytes,
  hidden,
}: {
  action: FormAction;
  current: ProductFormValues;
  categories: { id: number; name: string }[];
  currency: string;
  /** The shop's default rate as staff write it ("18", "8,5"). */
  defaultTaxRate: string;
  maxImageMegabytes: number;
  /** attemptKey (new) or productId and stockShown (edit). */
  hidden: Record<string, string>;
}) {
  const t = useTranslations('catalog.form');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  const text = (name: keyof ProductFormValues, saved: string) => values?.[name] ?? saved;
  const active = values ? values.active === 'on' : current.active;
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-5" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Field label={t('name')} name="name" required maxLength={200} defaultValue={text('name', current.name)} errors={errors?.name} />
      <div className="flex flex-col gap-1">
        <label htmlFor="field-description" className="text-sm font-medium text-stone-700">
          {t('description')}
        </label>
        <textarea
          id="field-description"
          name="description"
          rows={4}
          maxLength={4000}
          defaultValue={text('description', current.description)}
          aria-invalid={errors?.description?.length ? true : undefined}
          aria-describedby={described('description', errors?.description, false)}
          className={control}
        />
        <FieldError name="description" errors={errors?.description} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label={t('price')}
          name="price"
          inputMode="decimal"
          required
          hint={t('priceHint', { currency })}
          defaultValue={text('price', current.price)}
          errors={errors?.price}
        />
        <Field label={t('stock')} name="stock" inputMode="numeric" hint={t('stockHint')} defaultValue={text('stock', current.stock)} errors={errors?.stock} />
        <Field
          label={t('taxRate')}
          name="taxRate"
          inputMode="decimal"
          hint={t('taxRateHint', { rate: defaultTaxRate })}
          defaultValue={text('taxRate', current.taxRate)}
          errors={errors?.taxRate}
        />
      </div>
      <div className="flex flex-col gap-1 sm:max-w-xs">
        <label htmlFor="field-categoryId" className="text-sm font-medium text-stone-700">
          {t('category')}
        </label>
        <select
          id="field-categoryId"
          name="categoryId"
          defaultValue={text('categoryId', current.categoryId)}
          aria-invalid={errors?.categoryId?.length ? true : undefined}
          aria-describedby={described('categoryId', errors?.categoryId, false)}
          className={control}
        >
          <option value="">{t('noCategory')}</option>
          {categories.map((category) => (
            <option key={category.id} value={String(category.id)}>
              {category.name}
            </option>
          ))}
        </select>
        <FieldError name="categoryId" errors={errors?.categoryId} />
      </div>
      <div className="flex flex-col gap-2">
        {current.image ? (
          <figure className="flex items-center gap-3 text-sm text-stone-600">
            <ProductImage src={current.image} alt="" width={160} height={120} sizes="160px" className="h-[120px] w-40 rounded-md border border-stone-200 bg-stone-100 object-cover" />
            <figcaption>{t('currentImage')}</figcaption>
          </figure>
        ) : null}
        <label htmlFor="field-image" className="text-sm font-medium text-stone-700">
          {t('image')}
        </label>
        <input
          id="field-image"
          name="image"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-invalid={errors?.image?.length ? true : undefined}
          aria-describedby={described('image', errors?.image, true)}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
        />
        <p id="field-image-hint" className="text-xs text-stone-500">
          {current.image ? t('imageHint', { max: maxImageMegabytes }) : t('newImageHint', { max: maxImageMegabytes })}
        </p>
        <FieldError name="image" errors={errors?.image} />
      </div>
      <div className="flex items-start gap-2 rounded-md border border-stone-200 bg-white px-3 py-2 text-sm">
        <input id="field-active" type="checkbox" name="active" defaultChecked={active} className="mt-1" aria-describedby="field-active-hint" />
        <div>
          <label htmlFor="field-active" className="font-medium">
            {t('active')}
          </label>
          <p id="field-active-hint" className="text-stone-500">
            {t('activeHint')}
          </p>
        </div>
      </div>
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('saving')}>{t('save')}</SubmitButton>
      </div>
    </form>
  );
}
