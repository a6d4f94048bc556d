'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { locales, type Locale } from '@/lib/i18n/locales';
import type { ActionState, FormAction } from '@/lib/validations/action-state';
import { NewPasswordFields } from './new-password-fields';

const errorsOf = (state: ActionState) => (state.status === 'error' ? state.fieldErrors : undefined);
const valuesOf = (state: ActionState) => (state.status === 'error' ? state.values : undefined);

/** Empties a form after a success (passwords must not linger in the fields). */
function useResetOnSuccess(state: ActionState) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === 'success') form.current?.reset();
  }, [state]);
  return form;
}

/** "Name" and "Save name". */
export function NameForm({ action, name }: { action: FormAction; name: string }) {
  const t = useTranslations('account.profile.name');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <Field label={t('label')} name="name" autoComplete="name" defaultValue={valuesOf(state)?.name ?? name} errors={errorsOf(state)?.name} required />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('pending')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}

/** "New email" and "Current password": a link goes to the new address; the account keeps its address until it is opened. */
export function EmailForm({ action }: { action: FormAction }) {
  const t = useTranslations('account.profile.email');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const form = useResetOnSuccess(state);
  const errors = errorsOf(state);
  return (
    <form ref={form} action={formAction} className="flex flex-col gap-3" noValidate>
      <Field label={t('newEmail')} name="newEmail" type="email" autoComplete="email" defaultValue={valuesOf(state)?.newEmail} errors={errors?.newEmail} required />
      <Field id="email-current-password" label={t('currentPassword')} name="currentPassword" type="password" autoComplete="current-password" errors={errors?.currentPassword} required />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('sending')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}

/** "Current password", "New password", "Confirm password" and "Change password". */
export function PasswordForm({ action }: { action: FormAction }) {
  const t = useTranslations('account.profile.password');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const form = useResetOnSuccess(state);
  const errors = errorsOf(state);
  return (
    <form ref={form} action={formAction} className="flex flex-col gap-3" noValidate>
      <Field id="password-current-password" label={t('currentPassword')} name="currentPassword" type="password" autoComplete="current-password" errors={errors?.currentPassword} required />
      <NewPasswordFields labels={{ password: t('newPassword'), confirmPassword: t('confirmPassword'), hint: t('hint') }} errors={errors} />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('pending')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}

/** The preferred language: English or Türkçe (each named in its own language), and "Save language". */
export function LanguageForm({ action, current }: { action: FormAction; current: Locale }) {
  const t = useTranslations('account.profile.language');
  const names = useTranslations('nav.languageName');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-sm font-medium text-stone-700">{t('legend')}</legend>
        {locales.map((locale) => (
          <label key={locale} className="flex min-h-11 items-center gap-2 text-sm" lang={locale}>
            <input type="radio" name="locale" value={locale} defaultChecked={locale === current} className="size-4" />
            {names(locale)}
          </label>
        ))}
      </fieldset>
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t('pending')}>{t('submit')}</SubmitButton>
      </div>
    </form>
  );
}

/** "Delete" for one saved address, named for screen readers by the address it deletes. */
export function DeleteAddressForm({ action, addressId, label }: { action: FormAction; addressId: number; label: string }) {
  const t = useTranslations('account.profile.addresses');
  const [state, formAction] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="addressId" value={addressId} />
      <DeleteButton label={label} text={t('delete')} pending={t('deleting')} />
      {state.status === 'error' ? (
        <p role="status" className="text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

function DeleteButton({ label, text, pending }: { label: string; text: string; pending: string }) {
  // The visible word is "Delete"; its accessible name starts with it and names the address.
  return (
    <SubmitButton variant="secondary" pendingLabel={pending}>
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">{label}</span>
    </SubmitButton>
  );
}
