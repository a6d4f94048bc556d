'use server';

import { AuthError } from 'next-auth';
import { signIn, TooManyAttempts } from '@/auth';
import { createUser, EmailTakenError } from '@/lib/auth/users';
import { registerSchema, signInSchema } from '@/lib/validations/auth';
import { safeReturnPath } from '@/lib/validations/return-path';
import { fieldErrorsOf, formValues, type ActionState } from '../_server/action';

type AuthFormState = ActionState;

function withoutPasswords(values: Record<string, string>) {
  const { password: _password, confirmPassword: _confirm, ...rest } = values;
  return rest;
}

/** Signs a user in with email and password, then returns them where they were going. */
export async function signInWithPassword(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = formValues(formData);
  const parsed = signInSchema.safeParse(values);
  if (!parsed.success) {
    return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error), values: withoutPasswords(values) };
  }
  try {
    await signIn('credentials', {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeReturnPath(values.callbackUrl, '/') ?? '/',
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const message =
        error instanceof TooManyAttempts || ('code' in error && error.code === 'too_many_attempts')
          ? 'Too many failed sign-ins. Please try again in 15 minutes.'
          : 'Wrong email or password.';
      return { status: 'error', message, values: withoutPasswords(values) };
    }
    throw error; // the redirect after a successful sign-in
  }
  return { status: 'success' };
}

/** Creates a shopper account and signs it in. */
export async function registerAccount(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = formValues(formData);
  const parsed = registerSchema.safeParse(values);
  if (!parsed.success) {
    return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error), values: withoutPasswords(values) };
  }
  try {
    await createUser({ name: parsed.data.name, email: parsed.data.email, password: parsed.data.password });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return {
        status: 'error',
        message: 'Please correct the highlighted fields.',
        fieldErrors: { email: [error.message] },
        values: withoutPasswords(values),
      };
    }
    throw error;
  }
  await signIn('credentials', {
    email: parsed.data.email,
    password: parsed.data.password,
    redirectTo: safeReturnPath(values.callbackUrl, '/') ?? '/',
  });
  return { status: 'success' };
}
