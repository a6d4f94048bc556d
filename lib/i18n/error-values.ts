import type { ErrorParams } from '@/lib/errors';
import { formatMoney, isCurrencyCode } from '@/lib/money';

/** Parameter names that lib sends as minor units of params.currency (formatted at the edge). */
export const MONEY_PARAMS = ['amount', 'available', 'due', 'limit', 'min', 'max', 'room'] as const;

/** An error's params as ICU values: money params formatted in `intlLocale`, null as '', booleans as text. */
export function errorValues(params: ErrorParams, intlLocale: string): Record<string, string | number> {
  const currency = typeof params.currency === 'string' && isCurrencyCode(params.currency) ? params.currency : undefined;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === null) out[name] = '';
    else if (typeof value === 'boolean') out[name] = String(value);
    else if (currency && typeof value === 'number' && (MONEY_PARAMS as readonly string[]).includes(name) && Number.isSafeInteger(value)) {
      out[name] = formatMoney(value, currency, intlLocale);
    } else out[name] = value;
  }
  return out;
}
