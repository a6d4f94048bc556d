import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { OrderError } from '@/lib/orders/errors';

/**
 * The reader's words for a refusal of the order lifecycle (lib/orders OrderError), from
 * fulfilment.errors.<code>: shared by the shopper's and the staff's order actions.
 */
export async function orderErrorMessage(error: OrderError): Promise<string> {
  const t = await getTranslations('fulfilment.errors');
  const values = Object.fromEntries(
    Object.entries(error.params).map(([name, value]) => [name, value === null ? '' : typeof value === 'boolean' ? String(value) : value]),
  );
  return t(error.code, values);
}
