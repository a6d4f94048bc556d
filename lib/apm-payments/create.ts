import type { Tx } from '@/db/database';
import { apiPayments, type Payment } from '@/db/schema';
import { createPaymentRecord } from '@/lib/payments/records';
import { providerOfApmType, type ApmType } from './kinds';

export type ApmPaymentItem = { name: string | null; externalId: string | null; price: number };

export type ApmPaymentInput = {
  apiKeyId: number;
  apmType: ApmType;
  /** The member who pays, or the API key's staff member when the merchant named none. */
  userId: number;
  /** Minor units of `currency`; equal to the sum of the items. */
  amount: number;
  currency: string;
  items: ApmPaymentItem[];
  conversationId: string | null;
  externalId: string | null;
  paymentGroup: string;
  /** Unique per attempt: a retry with the same key finds the payment it made. */
  attemptKey: string;
};

/**
 * Records a merchant-API APM payment (fund transfer or cash on delivery) as a step of the caller's
 * transaction: a pending payments row (purpose order, no order) and its api_payments row. Nothing
 * moves in the ledger: the money is outside the shop until staff see it arrive and complete the
 * payment on Orders (completeApmPayment), or cancel it. Each item is stored with walletPrice 0 (the
 * wallet pays none of it). The same attempt key records one payment.
 */
export async function createApmPaymentIn(tx: Tx, input: ApmPaymentInput): Promise<Payment> {
  const { payment, created } = await createPaymentRecord(tx, {
    userId: input.userId,
    purpose: 'order',
    provider: providerOfApmType(input.apmType),
    amount: input.amount,
    currency: input.currency,
    idempotencyKey: `api:payment:${input.apiKeyId}:${input.attemptKey}`,
  });
  if (!created) return payment;
  await tx.insert(apiPayments).values({
    paymentId: payment.id,
    apiKeyId: input.apiKeyId,
    conversationId: input.conversationId,
    externalId: input.externalId,
    paymentGroup: input.paymentGroup,
    items: JSON.stringify(input.items.map((item) => ({ ...item, walletPrice: 0 }))),
  });
  return payment;
}
