import 'server-only';
import { getTranslations } from 'next-intl/server';
import { storedFailure } from '@/lib/payments/failures';

/** Why a payment did not complete, in the reader's words; null when it did not fail or says nothing. */
export async function paymentFailureWords(payment: { failureCode: string | null; failureParams: string | null }): Promise<string | null> {
  const failure = storedFailure(payment);
  if (!failure) return null;
  const t = await getTranslations('payments.failure');
  return t(failure.code, failure.params ?? {});
}
