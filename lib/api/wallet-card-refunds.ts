import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { ledgerAccounts, ledgerTransfers, type LedgerTransfer } from '@/db/schema';
import { writeTransaction } from '@/db/transaction';
import { createPendingTransfer, getBalance, getTransfer, postPendingTransfer, voidPendingTransfer } from '@/lib/ledger';
import { findPayment } from '@/lib/payments/records';
import { stripeClient } from '@/lib/payments/stripe-client';

/** A card top-up of a wallet (ledger kind deposit_card, posted) and whose wallet it went to. */
export type CardDeposit = { transfer: LedgerTransfer; walletUserId: number };

/** The posted card deposit with this transfer id (the platform's wallet transaction id), if any. */
export function findCardDeposit(transferId: number): CardDeposit | undefined {
  const transfer = getTransfer(transferId);
  if (!transfer || transfer.kind !== 'deposit_card' || transfer.state !== 'posted') return undefined;
  const account = db.select({ ownerId: ledgerAccounts.ownerId }).from(ledgerAccounts).where(eq(ledgerAccounts.id, transfer.creditAccountId)).get();
  if (!account?.ownerId) return undefined;
  return { transfer, walletUserId: account.ownerId };
}

const refundOf = (depositId: number) => and(eq(ledgerTransfers.kind, 'refund_deposit_to_card'), eq(ledgerTransfers.relatedTransferId, depositId));

/** Refunds of a deposit to its card, oldest first: posted = done, pending = at the provider, voided = failed. */
export function listCardRefunds(depositId: number): LedgerTransfer[] {
  const ids = db.select({ id: ledgerTransfers.id }).from(ledgerTransfers).where(refundOf(depositId)).orderBy(asc(ledgerTransfers.id)).all();
  return ids.flatMap(({ id }) => getTransfer(id) ?? []);
}

/**
 * What can still go back to the card: the deposit minus its refunds that are done or under way,
 * never more than the wallet has available now.
 */
export function refundableToCard(deposit: CardDeposit): number {
  const refunded =
    db
      .select({ total: sql<number>`coalesce(sum(${ledgerTransfers.amount}), 0)` })
      .from(ledgerTransfers)
      .where(and(refundOf(deposit.transfer.id), ne(ledgerTransfers.state, 'voided')))
      .get()?.total ?? 0;
  const { available } = getBalance({ wallet: deposit.walletUserId, currency: deposit.transfer.currency });
  return Math.max(0, Math.min(deposit.transfer.amount - refunded, available));
}

export type CardRefundResult =
  | { status: 'refunded'; transfer: LedgerTransfer }
  | { status: 'failed'; transfer: LedgerTransfer; message: string }
  | { status: 'too_much'; refundable: number };

async function refundAtProvider(deposit: CardDeposit, amount: number, refundTransferId: number): Promise<{ ok: true } | { ok: false; message: string }> {
  const payment = deposit.transfer.paymentId === null ? undefined : findPayment(deposit.transfer.paymentId);
  if (!payment || payment.provider === 'demo') return { ok: true };
  if (payment.provider !== 'stripe' || !payment.providerReference) return { ok: false, message: `A ${payment.provider} payment cannot be refunded to a card.` };
  try {
    const stripe = stripeClient();
    const session = await stripe.checkout.sessions.retrieve(payment.providerReference);
    const paymentIntent = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
    if (!paymentIntent) return { ok: false, message: 'Stripe has no payment for this top-up.' };
    const refund = await stripe.refunds.create({ payment_intent: paymentIntent, amount }, { idempotencyKey: `wallet-refund:${refundTransferId}` });
    if (refund.status === 'failed' || refund.status === 'canceled') return { ok: false, message: `Stripe refused the refund (${refund.status}).` };
    return { ok: true };
  } catch {
    return { ok: false, message: 'Stripe could not refund the card right now.' };
  }
}

/**
 * Sends part of a card deposit back to the card. The wallet's money is held first (pending
 * transfer wallet → card_clearing, kind refund_deposit_to_card, checked against what is left of
 * the deposit in the same transaction; the ledger refuses it beyond the available balance), then
 * the provider that took the card refunds it (Demo: at once; Stripe: the Refund API), then the
 * hold is posted — or voided, giving the money back to the wallet, when the provider refuses.
 */
export async function refundDepositToCard(input: { deposit: CardDeposit; amount: number; attemptKey: string; staffId: number }): Promise<CardRefundResult> {
  const { deposit, amount } = input;
  const currency = deposit.transfer.currency;
  const held = writeTransaction(() => {
    const refundable = refundableToCard(deposit);
    if (amount > refundable) return { status: 'too_much' as const, refundable };
    const { transfer, replayed } = createPendingTransfer({
      debit: { wallet: deposit.walletUserId, currency },
      credit: { system: 'card_clearing', currency },
      amount,
      currency,
      kind: 'refund_deposit_to_card',
      idempotencyKey: `api:wallet-card-refund:${deposit.transfer.id}:${input.attemptKey}:${amount}`,
      description: `Top-up ${deposit.transfer.reference} refunded to the card`,
      paymentId: deposit.transfer.paymentId ?? undefined,
      relatedTransferId: deposit.transfer.id,
      createdBy: input.staffId,
    });
    return { status: 'held' as const, transfer, replayed };
  });
  if (held.status === 'too_much') return held;
  // A replayed attempt answers with the refund it already started, in whatever state it is now.
  if (held.replayed || held.transfer.state !== 'pending') return { status: 'refunded', transfer: held.transfer };

  const atProvider = await refundAtProvider(deposit, amount, held.transfer.id);
  if (!atProvider.ok) {
    const voided = voidPendingTransfer({ transferId: held.transfer.id, resolvedBy: input.staffId, reason: atProvider.message });
    return { status: 'failed', transfer: voided, message: atProvider.message };
  }
  return { status: 'refunded', transfer: postPendingTransfer({ transferId: held.transfer.id, resolvedBy: input.staffId }) };
}
