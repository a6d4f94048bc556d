import 'server-only';
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
export function getPaymentOutcome(userId: number, reference: string): PaymentOutcome | undefined {
  const payment = findOwnPayment(userId, reference);
  if (!payment) return undefined;
  const settings = getSettings();
  const transfer = payment.transferId ? getTransfer(payment.transferId) : undefined;
  return {
    payment,
    transferReference: transfer?.reference ?? null,
    walletAvailable: getBalance({ wallet: userId, currency: payment.currency }).available,
    bank: { holder: settings.bankAccountHolder, iban: settings.bankIban, bank: settings.bankName },
  };
}
