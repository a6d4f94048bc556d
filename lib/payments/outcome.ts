import 'server-only';
import type { Query } from '@/db/database';
import type { Payment } from '@/db/schema';
import { getBalance, getTransfer } from '@/lib/ledger';
import { getSettings } from '@/lib/settings';
import { findOwnPayment } from './records';

export type PaymentOutcome = {
  payment: Payment;
  transferReference: string | null;
  walletAvailable: number;
  bank: { holder: string; iban: string; bank: string };
};

/** What the outcome page of a shopper's own payment shows; undefined for someone else's. */
export async function getPaymentOutcome(q: Query, userId: number, reference: string): Promise<PaymentOutcome | undefined> {
  const payment = await findOwnPayment(q, userId, reference);
  if (!payment) return undefined;
  const settings = await getSettings(q);
  const transfer = payment.transferId ? await getTransfer(q, payment.transferId) : undefined;
  return {
    payment,
    transferReference: transfer?.reference ?? null,
    walletAvailable: (await getBalance(q, { wallet: userId, currency: payment.currency })).available,
    bank: { holder: settings.bankAccountHolder, iban: settings.bankIban, bank: settings.bankName },
  };
}
