import { eq } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { payments, type Payment } from '@/db/schema';
import { createPendingTransfer, getWalletBalance, WalletLimitExceededError } from '@/lib/ledger';
import type { ErrorParams } from '@/lib/errors';
import { formatMoney, parseAmount } from '@/lib/money';
import { codeMessage } from '@/lib/validations/messages';
import { cardProvider, startCardPayment } from '@/lib/payments/providers';
import { createPaymentRecord } from '@/lib/payments/records';
import { getSettings, isPaymentMethodEnabled } from '@/lib/settings';
import { safeReturnPath } from '@/lib/validations/return-path';
import type { TopUpForm } from '@/lib/validations/wallet';

export type TopUpStart =
  | { status: 'invalid'; fieldErrors: { amount?: string[] } }
  | { status: 'refused'; code: 'METHOD_DISABLED' }
  | { status: 'redirect'; url: string; payment: Payment }
  | { status: 'pending'; payment: Payment };

/** Checks a top-up amount typed by a shopper (in `locale`): money rules, then the shop's minimum and maximum; refusals are codes. */
export async function validateTopUpAmount(
  q: Query,
  input: string,
  currency: string,
  locale = 'en',
): Promise<{ ok: true; amount: number } | { ok: false; code: string; params: ErrorParams; message: string }> {
  const parsed = parseAmount(input, currency, locale);
  if (!parsed.ok) return parsed;
  const { minTopUp, maxTopUp } = await getSettings(q);
  // `message`: English for the merchant API, which keeps its own texts; pages word code + params.
  if (parsed.amount < minTopUp) {
    return { ok: false, code: 'TOP_UP_TOO_SMALL', params: { min: minTopUp, currency }, message: `The smallest top-up is ${formatMoney(minTopUp, currency)}.` };
  }
  if (parsed.amount > maxTopUp) {
    return { ok: false, code: 'TOP_UP_TOO_LARGE', params: { max: maxTopUp, currency }, message: `The largest top-up is ${formatMoney(maxTopUp, currency)}.` };
  }
  return { ok: true, amount: parsed.amount };
}

/**
 * How much more a wallet may take in (the shop's maxWalletBalance minus what it holds and what is
 * on its way in). Checked when a top-up starts, before a card is charged: once a provider has taken
 * the money, the ledger credits it whatever the cap (wire top-ups are capped in their pending credit).
 */
export async function walletRoom(q: Query, userId: number, currency: string): Promise<number> {
  const { posted, pendingIncoming } = await getWalletBalance(q, userId, currency);
  return Math.max(0, (await getSettings(q)).maxWalletBalance - posted - pendingIncoming);
}

type WireTopUp = { amount: number; currency: string; idempotencyKey: string; returnPath?: string | null };

/**
 * Starts a wire top-up, as a step of the caller's transaction: a payment and a pending credit
 * bank_clearing → wallet (within the shop's maxWalletBalance), that staff post when the money
 * reaches the bank. The same key returns the same top-up.
 */
export async function startWireTopUpIn(tx: Tx, user: { id: number }, top: WireTopUp): Promise<Payment> {
  const { payment } = await createPaymentRecord(tx, {
    userId: user.id,
    purpose: 'top_up',
    provider: 'wire_transfer',
    amount: top.amount,
    currency: top.currency,
    idempotencyKey: top.idempotencyKey,
    returnPath: top.returnPath ?? null,
  });
  if (payment.transferId) return payment;
  const { transfer } = await createPendingTransfer(tx, {
    debit: { system: 'bank_clearing', currency: top.currency },
    credit: { wallet: user.id, currency: top.currency },
    amount: payment.amount,
    currency: top.currency,
    kind: 'deposit_wire',
    idempotencyKey: `payment:${payment.id}:deposit`,
    walletCap: (await getSettings(tx)).maxWalletBalance,
    description: { code: 'topUpWire', params: { reference: payment.reference } },
    paymentId: payment.id,
    createdBy: user.id,
  });
  await tx.update(payments).set({ transferId: transfer.id }).where(eq(payments.id, payment.id));
  return { ...payment, transferId: transfer.id };
}

/** Starts a wire top-up in its own transaction (see startWireTopUpIn). */
export function startWireTopUp(db: Database, user: { id: number }, top: WireTopUp): Promise<Payment> {
  return db.write((tx) => startWireTopUpIn(tx, user, top));
}

/**
 * Starts adding money to a shopper's wallet. Card: a payment the shopper completes on the card
 * page (Stripe Checkout, or the Demo form without Stripe keys). Wire transfer: a pending credit
 * that staff confirm when the money reaches the bank. One attempt key starts one top-up. A way of
 * paying that staff turned off in Settings is refused before anything is created. Field errors are
 * codes (codeMessage), worded by the action layer; `locale` is how the shopper writes amounts.
 */
export async function startTopUp(db: Database, user: { id: number; email: string }, form: TopUpForm, locale = 'en'): Promise<TopUpStart> {
  if (!(await isPaymentMethodEnabled(db.read, form.method))) return { status: 'refused', code: 'METHOD_DISABLED' };
  const { currency } = await getSettings(db.read);
  const amount = await validateTopUpAmount(db.read, form.amount, currency, locale);
  if (!amount.ok) return { status: 'invalid', fieldErrors: { amount: [codeMessage(amount.code, amount.params)] } };
  const room = await walletRoom(db.read, user.id, currency);
  if (amount.amount > room) {
    return { status: 'invalid', fieldErrors: { amount: [codeMessage('WALLET_ROOM', { room, currency })] } };
  }
  const returnPath = safeReturnPath(form.returnPath);
  // Same form, same values: one top-up. A changed amount or method is a new attempt.
  const idempotencyKey = `top-up:${user.id}:${form.attemptKey}:${form.method}:${amount.amount}`;

  if (form.method === 'wire_transfer') {
    try {
      const payment = await startWireTopUp(db, user, { amount: amount.amount, currency, idempotencyKey, returnPath });
      return { status: 'pending', payment };
    } catch (error) {
      // Another top-up took the room between the check above and this one's pending credit.
      if (!(error instanceof WalletLimitExceededError)) throw error;
      const left = await walletRoom(db.read, user.id, currency);
      return { status: 'invalid', fieldErrors: { amount: [codeMessage('WALLET_ROOM', { room: left, currency })] } };
    }
  }

  const { payment } = await db.write((tx) =>
    createPaymentRecord(tx, {
      userId: user.id,
      purpose: 'top_up',
      provider: cardProvider(),
      amount: amount.amount,
      currency,
      idempotencyKey,
      returnPath,
    }),
  );
  // The card provider is asked after the payment row committed, outside any transaction; a
  // retried attempt whose payment already finished shows its outcome instead of paying again.
  return { status: 'redirect', url: await startCardPayment(db, payment, user.email), payment };
}
