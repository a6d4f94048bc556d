export type InvoicePayOptions = {
  /** The wallet covers the whole amount due. */
  walletCovers: boolean;
  /** What "pay what the wallet holds now" would pay (0 when the wallet is empty or covers it all). */
  partialAmount: number;
  /** How much the wallet is short of the amount due (0 when it covers it). */
  shortfall: number;
};

/** Which wallet choices an unpaid invoice offers, from its amount due and the wallet's available balance. */
export function invoicePayOptions(amountDue: number, walletAvailable: number): InvoicePayOptions {
  const available = Math.max(walletAvailable, 0);
  const walletCovers = available >= amountDue;
  return {
    walletCovers,
    partialAmount: walletCovers ? 0 : available,
    shortfall: walletCovers ? 0 : amountDue - available,
  };
}
