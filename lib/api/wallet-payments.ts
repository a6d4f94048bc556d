import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiPayments, payments, type Payment } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
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
 * Takes a merchant-API payment from a member's wallet: a payments row (provider wallet) and a
 * ledger transfer wallet → sales of kind payment, in one transaction. The ledger's debit refuses
 * an overdraft, so concurrent payments can never spend the same money twice.
 */
export function payFromWallet(input: WalletPaymentInput): WalletPaymentResult {
  const idempotencyKey = `api:payment:${input.apiKeyId}:${input.attemptKey}`;
  try {
    return writeTransaction(() => {
      const { payment, created } = createPaymentRecord({
        userId: input.buyerId,
        purpose: 'order',
        provider: 'wallet',
        amount: input.amount,
        currency: input.currency,
        idempotencyKey,
      });
      if (!created) return { status: 'paid', payment };
      const { transfer } = postTransfer({
        debit: { wallet: input.buyerId, currency: input.currency },
        credit: { system: 'sales', currency: input.currency },
        amount: input.amount,
        currency: input.currency,
        kind: 'payment',
        idempotencyKey,
        description: `Payment ${payment.reference}${input.conversationId ? ` (${input.conversationId})` : ''}`,
        paymentId: payment.id,
        createdBy: input.staffId,
      });
      movePayment(payment.id, 'pending', 'done', { transferId: transfer.id });
      db.insert(apiPayments)
        .values({
          paymentId: payment.id,
          apiKeyId: input.apiKeyId,
          conversationId: input.conversationId,
          externalId: input.externalId,
          paymentGroup: input.paymentGroup,
          items: JSON.stringify(input.items),
        })
        .run();
      return { status: 'paid', payment: findApiPayment(payment.id)?.payment ?? payment };
    });
  } catch (error) {
    if (error instanceof InsufficientFundsError) return { status: 'insufficient_funds', available: error.available };
    throw error;
  }
}

/** A payment taken through the API, with its merchant details; undefined for any other payment. */
export function findApiPayment(paymentId: number) {
  return db
    .select({ payment: payments, details: apiPayments })
    .from(apiPayments)
    .innerJoin(payments, eq(payments.id, apiPayments.paymentId))
    .where(eq(apiPayments.paymentId, paymentId))
    .get();
}
