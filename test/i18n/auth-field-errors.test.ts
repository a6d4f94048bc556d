import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import en from '@/messages/en/auth.json';
import { registerSchema, signInSchema } from '@/lib/validations/auth';
import { translateFieldErrors } from '@/components/auth/field-errors';

const english = (key: string) => (en.validation as Record<string, string>)[key] ?? `missing:${key}`;

function messagesOf(schema: z.ZodType, input: Record<string, string>) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
}

describe('auth form errors in the visitor language', () => {
  const refusals: [string, z.ZodType, Record<string, string>][] = [
    ['empty sign-in', signInSchema, { email: '', password: '' }],
    ['long sign-in', signInSchema, { email: `${'a'.repeat(250)}@example.com`, password: 'x'.repeat(201) }],
    ['bad register', registerSchema, { name: '', email: 'not-an-email', password: 'short', confirmPassword: 'other' }],
    ['long register', registerSchema, { name: 'n'.repeat(101), email: 'a@example.com', password: 'p'.repeat(201), confirmPassword: 'p'.repeat(201) }],
    ['mismatch', registerSchema, { name: 'Işıl', email: 'a@example.com', password: 'long enough', confirmPassword: 'long enougH' }],
  ];
  it.each(refusals)('%s: every message of the schema has a key, and English stays word for word', (_name, schema, input) => {
    const errors = messagesOf(schema, input);
    const translated = translateFieldErrors(errors, english);
    expect(translated).toEqual(errors);
    expect(JSON.stringify(translated)).not.toContain('missing:');
  });

  it('uses the translation for known messages and keeps unknown ones', () => {
    const errors = { email: ['Enter your email address.', 'Something new.'] };
    expect(translateFieldErrors(errors, (key) => `tr:${key}`)).toEqual({ email: ['tr:emailRequired', 'Something new.'] });
  });
});
