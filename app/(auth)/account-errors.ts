import 'server-only';
import { getTranslations } from 'next-intl/server';
import { errorMessage } from '../_i18n/server-errors';
import { isAppError, type ErrorParams } from '@/lib/errors';

/** The reader's words for a refusal of lib/accounts: account.errors.<CODE>, else the shared `errors` catalogue. */
export async function accountErrorWords(code: string, params: ErrorParams = {}): Promise<string> {
  const t = await getTranslations('account.errors');
  if (/^[A-Z][A-Z0-9_]*$/.test(code) && t.has(code)) return t(code, Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value ?? '')])));
  return errorMessage(code, params);
}

/**
 * The answer an account form gives for an expected refusal (AppError), its message also beside
 * the field `fields` names for its code (e.g. { WRONG_PASSWORD: 'currentPassword' }); anything
 * else is thrown on, to the error page.
 */
export async function accountErrorState(error: unknown, values: Record<string, string>, fields: Record<string, string> = {}) {
  if (!isAppError(error)) throw error;
  const message = await accountErrorWords(error.code, error.params);
  const field = fields[error.code];
  return {
    status: 'error' as const,
    code: error.code,
    message,
    values,
    ...(field ? { fieldErrors: { [field]: [message] } } : {}),
  };
}
