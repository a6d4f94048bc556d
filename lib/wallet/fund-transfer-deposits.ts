import type { Tx } from '@/db/database';
import type { Payment } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { postTransfer } from '@/lib/ledger';
import { notifyTopUpConfirmed } from '@/lib/notifications/events';
import { PaymentError } from '@/lib/payments/errors';
import { createPaymentRecord, findPayment, movePayment } from '@/lib/payments/records';
import { getSettings } from '@/lib/settings';

export type FundTransferDeposit = {
  amount: number;
  currency: string;
  /** One per deposit the merchant reports: the same key credits the wallet once. */
  idempotencyKey: string;
  /** The staff member who reports it (the API key's): audited as confirming the top-up. */
  staffId: number;
};

/**
 * A deposit by fund transfer that the shop reports (the merchant API's
 * createFundTransferDepositPayment): the money has reached the shop's bank, so the wallet is
 * credited at once, as a step of the caller's transaction: a wire_transfer top-up payment, done,
 * and a posted bank_clearing → wallet transfer (kind deposit_wire, within the shop's
 * maxWalletBalance: WalletLimitExceededError beyond it), audited as staff confirming the top-up,
 * with the shopper's e-mail. The same key returns the same deposit and moves nothing. A shopper's
 * own wire top-up (startWireTopUpIn) stays pending until staff confirm it.
 */
export async function depositFundTransferIn(tx: Tx, user: { id: number }, deposit: FundTransferDeposit): Promise<Payment & { transferId: number }> {
  const { payment, created } = await createPaymentRecord(tx, {
    userId: user.id,
    purpose: 'top_up',
    provider: 'wire_transfer',
    amount: deposit.amount,
    currency: deposit.currency,
    idempotencyKey: deposit.idempotencyKey,
  });
  if (!created) {
    if (payment.state !== 'done' || payment.transferId === null || payment.userId !== user.id) {
      throw new PaymentError('INVALID_STATE', `Payment ${payment.reference} is not a fund transfer deposit of this key.`);
    }
    return { ...payment, transferId: payment.transferId };
  }
  const { transfer } = await postTransfer(tx, {
    debit: { system: 'bank_clearing', currency: deposit.currency },
    credit: { wallet: user.id, currency: deposit.currency },
    amount: payment.amount,
    currency: deposit.currency,
    kind: 'deposit_wire',
    idempotencyKey: `payment:${payment.id}:deposit`,
    walletCap: (await getSettings(tx)).maxWalletBalance,
    description: { code: 'topUpWire', params: { reference: payment.reference } },
    paymentId: payment.id,
    createdBy: deposit.staffId,
  });
  await movePayment(tx, payment.id, 'pending', 'done', { transferId: transfer.id });
  await notifyTopUpConfirmed(tx, payment);
  await recordAudit(tx, {
    actorId: deposit.staffId,
    action: 'top_up.confirm',
    subjectUserId: user.id,
    amount: payment.amount,
    currency: payment.currency,
    reason: 'Fund transfer deposit reported through the merchant API',
    details: { payment: payment.reference },
  });
  const done = await findPayment(tx, payment.id);
  if (!done) throw new PaymentError('NOT_FOUND', 'The deposit vanished.', { subject: 'payment' });
  return { ...done, transferId: transfer.id };
}
