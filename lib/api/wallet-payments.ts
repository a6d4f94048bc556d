import { eq } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { apiPayments, payments, type Payment } from '@/db/schema';
import { InsufficientFundsError, postTransfer } from '@/lib/ledger';
import { createPaymentRecord, movePayment } from '@/lib/payments/records';

export type WalletPaymentItem = { name: string | null; externalId: string | null; price: number };

export type WalletPaymentInput = {
  apiKeyId: number;
  buyerId: number;
  /** Minor units of `currency`; equal to the sum of the items. */
  amount: number;
  currency: string;
  items: WalletPaymentItem[];
  conversationId: string | null;
  externalId: string | null;
  paymentGroup: string;
  /** Unique per attempt: a retry with the same key pays once. */
  attemptKey: string;
  staffId: number;
};

export type WalletPaymentResult =
  | { status: 'paid'; payment: Payment }
  | { status: 'insufficient_funds'; available: number };

/**
 * Takes a merchant-API payment from a member's wallet, as a step of the caller's transaction: a
 * payments row (provider wallet) and a ledger transfer wallet → sales of kind payment. The ledger's
 * debit refuses an overdraft (InsufficientFundsError, thrown: the caller's transaction must roll
 * back, the payments row with it), so concurrent payments can never spend the same money twice.
 * The same attempt key pays once: a retry finds its payment.
 */
export async function payFromWalletIn(tx: Tx, input: WalletPaymentInput): Promise<Payment> {
  const idempotencyKey = `api:payment:${input.apiKeyId}:${input.attemptKey}`;
  const { payment, created } = await createPaymentRecord(tx, {
    userId: input.buyerId,
    purpose: 'order',
    provider: 'wallet',
    amount: input.amount,
    currency: input.currency,
    idempotencyKey,
  });
  if (!created) return payment;
  const { transfer } = await postTransfer(tx, {
    debit: { wallet: input.buyerId, currency: input.currency },
    credit: { system: 'sales', currency: input.currency },
    amount: input.amount,
    currency: input.currency,
    kind: 'payment',
    idempotencyKey,
    description: input.conversationId
      ? { code: 'apiPaymentConversation', params: { reference: payment.reference, conversationId: input.conversationId } }
      : { code: 'apiPayment', params: { reference: payment.reference } },
    paymentId: payment.id,
    createdBy: input.staffId,
  });
  await movePayment(tx, payment.id, 'pending', 'done', { transferId: transfer.id });
  await tx.insert(apiPayments).values({
    paymentId: payment.id,
    apiKeyId: input.apiKeyId,
    conversationId: input.conversationId,
    externalId: input.externalId,
    paymentGroup: input.paymentGroup,
    items: JSON.stringify(input.items),
  });
  return (await findApiPayment(tx, payment.id))?.payment ?? payment;
}

/** payFromWalletIn in a transaction of its own; a wallet that cannot cover it → insufficient_funds, nothing written. */
export async function payFromWallet(db: Database, input: WalletPaymentInput): Promise<WalletPaymentResult> {
  try {
    return { status: 'paid', payment: await db.write((tx) => payFromWalletIn(tx, input)) };
  } catch (error) {
    if (error instanceof InsufficientFundsError) return { status: 'insufficient_funds', available: error.available };
    throw error;
  }
}

/** A payment taken through the API, with its merchant details; undefined for any other payment. */
export async function findApiPayment(q: Query, paymentId: number) {
  const [found] = await q
    .select({ payment: payments, details: apiPayments })
    .from(apiPayments)
    .innerJoin(payments, eq(payments.id, apiPayments.paymentId))
    .where(eq(apiPayments.paymentId, paymentId));
  return found;
}
