'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

/** "New category": a name; the address (slug) is made from it. */
export function NewCategoryForm({ action }: { action: FormAction }) {
  const t = useTranslations('catalog.categories');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-3" noValidate>
      <div className="flex flex-wrap items-end gap-2">
        <Field label={t('name')} name="name" id="new-category-name" required maxLength={120} defaultValue={values?.name ?? ''} errors={errors?.name} className="min-w-0 flex-1" />
        <SubmitButton pendingLabel={t('creating')}>{t('create')}</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** A category's new name, in its row. */
export function RenameCategoryForm({ action, categoryId, name }: { action: FormAction; categoryId: number; name: string }) {
  const t = useTranslations('catalog.categories');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  const inputId = `category-${categoryId}-name`;
  const errorId = `${inputId}-error`;
  const error = errors?.name?.join(' ') ?? (state.status === 'error' ? state.message : undefined);
  return (
    <form action={formAction} className="flex flex-col gap-1" noValidate>
      <input type="hidden" name="categoryId" value={categoryId} />
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={inputId} className="sr-only">
          {t('renameLabel', { name })}
        </label>
        <input
          id={inputId}
          name="name"
          key={name}
          defaultValue={values?.name ?? name}
          maxLength={120}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="w-44 rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500"
        />
        <SubmitButton variant="secondary" pendingLabel={t('renaming')}>
          {t('rename')}
        </SubmitButton>
      </div>
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : state.status === 'success' ? (
        <p role="status" className="text-sm text-green-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

/** "Delete" for an empty category, after a dialog naming it; a category that still has products cannot be deleted. */
export function DeleteCategoryForm({ action, categoryId, name, empty }: { action: FormAction; categoryId: number; name: string; empty: boolean }) {
  const t = useTranslations('catalog.categories');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="categoryId" value={categoryId} />
      <ConfirmButton
        label={t.rich('delete', { name, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
        title={t('deleteTitle', { name })}
        body={t('deleteBody')}
        confirmLabel={t('deleteConfirm')}
        cancelLabel={t('cancel')}
        pendingLabel={t('deleting')}
        variant="danger"
        disabled={!empty}
      />
      <FormMessage state={state} />
    </form>
  );
}
