import type { FieldErrors } from '@/lib/validations/action-state';

/**
 * The auth schemas' messages (lib/validations/auth.ts, English) by their key in auth.validation,
 * so the forms show them in the visitor's language. A message not listed is shown as it came.
 */
const validationKeys: Record<string, string> = {
  'Enter your email address.': 'emailRequired',
  'That email address is too long.': 'emailTooLong',
  'Enter a valid email address, like name@example.com.': 'emailInvalid',
  'Enter your password.': 'passwordRequired',
  'That password is too long.': 'passwordTooLong',
  'Enter your name.': 'nameRequired',
  'Use at most 100 characters.': 'nameTooLong',
  'Use at least 8 characters.': 'passwordTooShort',
  'Use at most 200 characters.': 'passwordMax',
  'The passwords do not match.': 'passwordsDiffer',
};

/** Each field's messages through `translate` (auth.validation.<key>), unknown ones unchanged. */
export function translateFieldErrors(errors: FieldErrors | undefined, translate: (key: string) => string): FieldErrors | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(
    Object.entries(errors).map(([field, messages]) => [
      field,
      messages?.map((message) => {
        const key = validationKeys[message];
        return key ? translate(key) : message;
      }),
    ]),
  );
}
