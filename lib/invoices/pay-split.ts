import type { Database } from '@/db/database';
import type { Payment } from '@/db/schema';
import { checkAttemptKey } from '@/lib/checkout/keys';
import { cardPaymentDestination, openWalletAndCard } from '@/lib/checkout/wallet-and-card';
import { ownInvoiceOrThrow } from './pay-wallet';

export type InvoiceSplitStart = { url: string; hold: Payment; cardPart: Payment };

/**
 * Wallet and Card for a shopper's own invoice: the same use case as at checkout
 * (lib/checkout/wallet-and-card.ts, with its CheckoutError codes), in ONE write transaction: holds
 * the wallet's available balance for the invoice and records the card payment for the rest of the
 * amount due; then opens the card page. When the card part completes the hold is posted and the
 * invoice paid (settleInvoiceCardPayment); when it does not, the hold is released. `walletPart` is
 * what the shopper saw: a changed balance is refused. One attempt key opens one split.
 */
export async function startInvoiceSplitPayment(
  db: Database,
  user: { id: number; email: string },
  invoiceId: number,
  options: { attemptKey: string; walletPart?: number },
): Promise<InvoiceSplitStart> {
  const attemptKey = checkAttemptKey(options.attemptKey);
  const { hold, cardPart } = await db.write(async (tx) => {
    const invoice = await ownInvoiceOrThrow(tx, user.id, invoiceId);
    return openWalletAndCard(tx, user.id, { invoice, attemptKey }, options.walletPart);
  });
  return { url: await cardPaymentDestination(db, cardPart, user.email, { releaseHoldOnFailure: true }), hold, cardPart };
}
