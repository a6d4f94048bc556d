import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { payments, type Payment } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { createPendingTransfer, getWalletBalance, WalletLimitExceededError } from '@/lib/ledger';
import { formatMoney, parseAmount } from '@/lib/money';
import { paymentPagePath } from '@/lib/payments/paths';
import { createPaymentRecord } from '@/lib/payments/records';
import { createCheckoutSession } from '@/lib/payments/stripe';
import { stripeEnabled } from '@/lib/payments/stripe-client';
import { getSettings, isPaymentMethodEnabled } from '@/lib/settings';
import { safeReturnPath } from '@/lib/validations/return-path';
import type { TopUpForm } from '@/lib/validations/wallet';

export type TopUpStart =
  | { status: 'invalid'; fieldErrors: { amount?: string[] } }
  | { status: 'refused'; code: 'METHOD_DISABLED' }
  | { status: 'redirect'; url: string; payment: Payment }
  | { status: 'pending'; payment: Payment };

/** Checks a top-up amount typed by a shopper: money rules, then the shop's minimum and maximum. */
export function validateTopUpAmount(input: string, currency: string): { ok: true; amount: number } | { ok: false; message: string } {
  const parsed = parseAmount(input, currency);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { minTopUp, maxTopUp } = getSettings();
  if (parsed.amount < minTopUp) return { ok: false, message: `The smallest top-up is ${formatMoney(minTopUp, currency)}.` };
  if (parsed.amount > maxTopUp) return { ok: false, message: `The largest top-up is ${formatMoney(maxTopUp, currency)}.` };
  return { ok: true, amount: parsed.amount };
}

/**
 * How much more a wallet may take in (the shop's maxWalletBalance minus what it holds and what is
 * on its way in). Checked when a top-up starts, before a card is charged: once a provider has taken
 * the money, the ledger credits it whatever the cap (wire top-ups are capped in their pending credit).
 */
export function walletRoom(userId: number, currency: string): number {
  const { posted, pendingIncoming } = getWalletBalance(userId, currency);
  return Math.max(0, getSettings().maxWalletBalance - posted - pendingIncoming);
}

/**
 * Starts a wire top-up: a payment and a pending credit bank_clearing → wallet, in one transaction,
 * that staff post when the money reaches the bank. The same key returns the same top-up.
 */
export function startWireTopUp(
  user: { id: number },
  top: { amount: number; currency: string; idempotencyKey: string; returnPath?: string | null },
): Payment {
  return writeTransaction(() => {
    const { payment } = createPaymentRecord({
      userId: user.id,
      purpose: 'top_up',
      provider: 'wire_transfer',
      amount: top.amount,
      currency: top.currency,
      idempotencyKey: top.idempotencyKey,
      returnPath: top.returnPath ?? null,
    });
    if (payment.transferId) return payment;
    const { transfer } = createPendingTransfer({
      debit: { system: 'bank_clearing', currency: top.currency },
      credit: { wallet: user.id, currency: top.currency },
      amount: payment.amount,
      currency: top.currency,
      kind: 'deposit_wire',
      idempotencyKey: `payment:${payment.id}:deposit`,
      walletCap: getSettings().maxWalletBalance,
      description: `Wire transfer top-up (${payment.reference})`,
      paymentId: payment.id,
      createdBy: user.id,
    });
    db.update(payments).set({ transferId: transfer.id }).where(eq(payments.id, payment.id)).run();
    return { ...payment, transferId: transfer.id };
  });
}

/**
 * Starts adding money to a shopper's wallet. Card: a payment the shopper completes on the card
 * page (Stripe Checkout, or the Demo form without Stripe keys). Wire transfer: a pending credit
 * that staff confirm when the money reaches the bank. One attempt key starts one top-up. A way of
 * paying that staff turned off in Settings is refused before anything is created.
 */
export async function startTopUp(user: { id: number; email: string }, form: TopUpForm): Promise<TopUpStart> {
  if (!isPaymentMethodEnabled(form.method)) return { status: 'refused', code: 'METHOD_DISABLED' };
  const { currency } = getSettings();
  const amount = validateTopUpAmount(form.amount, currency);
  if (!amount.ok) return { status: 'invalid', fieldErrors: { amount: [amount.message] } };
  const room = walletRoom(user.id, currency);
  if (amount.amount > room) {
    return { status: 'invalid', fieldErrors: { amount: [`Your wallet can take at most ${formatMoney(room, currency)} more.`] } };
  }
  const returnPath = safeReturnPath(form.returnPath);
  // Same form, same values: one top-up. A changed amount or method is a new attempt.
  const idempotencyKey = `top-up:${user.id}:${form.attemptKey}:${form.method}:${amount.amount}`;

  if (form.method === 'wire_transfer') {
    try {
      const payment = startWireTopUp(user, { amount: amount.amount, currency, idempotencyKey, returnPath });
      return { status: 'pending', payment };
    } catch (error) {
      // Another top-up took the room between the check above and this one's pending credit.
      if (!(error instanceof WalletLimitExceededError)) throw error;
      return { status: 'invalid', fieldErrors: { amount: [`Your wallet can take at most ${formatMoney(walletRoom(user.id, currency), currency)} more.`] } };
    }
  }

  const provider = stripeEnabled() ? 'stripe' : 'demo';
  const payment = writeTransaction(
    () =>
      createPaymentRecord({
        userId: user.id,
        purpose: 'top_up',
        provider,
        amount: amount.amount,
        currency,
        idempotencyKey,
        returnPath,
      }).payment,
  );
  // A retried attempt whose payment already finished shows its outcome instead of paying again.
  if (payment.state !== 'pending' || provider === 'demo') {
    return { status: 'redirect', url: paymentPagePath(payment), payment };
  }
  return { status: 'redirect', url: await createCheckoutSession(payment, user.email), payment };
}
