'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/validations/action-state';

export function RegisterForm({ action, callbackUrl }: { action: FormAction; callbackUrl: string }) {
  const [state, formAction] = useActionState(action, { status: 'idle' });
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field label="Name" name="name" autoComplete="name" defaultValue={values?.name} errors={errors?.name} required />
      <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={values?.email} errors={errors?.email} required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        errors={errors?.password}
        required
      />
      <Field
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        errors={errors?.confirmPassword}
        required
      />
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
      <p className="text-sm text-stone-600">
        Already registered?{' '}
        <Link className="text-brand-700 underline" href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          Sign in
        </Link>
      </p>
    </form>
  );
}
