import { z } from 'zod';

/**
 * What api_payments.items keeps of a payment taken through the API, amounts in minor units:
 * - a wallet payment: the items as sent, `[{ name, externalId, price }]` (each paid from the wallet in full);
 * - a card (and wallet) payment: `{ items: [{ name, externalId, price, walletPrice }], card }`, with
 *   the part of each item the wallet paid and what may be kept of the card (first six digits, last
 *   four, holder, association: never the number, its expiry or the CVC).
 */

const storedItem = z.object({
  name: z.string().nullable(),
  externalId: z.string().nullable(),
  price: z.number().int(),
  walletPrice: z.number().int().optional(),
});

const storedCard = z.object({
  binNumber: z.string(),
  lastFourDigits: z.string(),
  cardHolderName: z.string(),
  cardAssociation: z.string().nullable(),
});

const storedDetails = z.union([z.array(storedItem), z.object({ items: z.array(storedItem), card: storedCard })]);

export type PaymentItem = { name: string | null; externalId: string | null; price: number; walletPrice: number };
export type CardFacts = z.infer<typeof storedCard>;
export type PaymentDetails = { items: PaymentItem[]; card: CardFacts | null };

/** The stored details as items (each with the part the wallet paid) and the card's facts, if a card paid. */
export function readPaymentDetails(stored: string): PaymentDetails {
  const parsed = storedDetails.parse(JSON.parse(stored));
  const [items, card] = Array.isArray(parsed) ? [parsed, null] : [parsed.items, parsed.card];
  // An item stored without walletPrice is a wallet payment's: the wallet paid all of it.
  return { items: items.map((item) => ({ ...item, walletPrice: item.walletPrice ?? item.price })), card };
}

/** The text a card payment's details are stored as. */
export function writeCardPaymentDetails(items: PaymentItem[], card: CardFacts): string {
  return JSON.stringify({ items, card });
}

/**
 * The platform's payment transaction id of an item: (payment id − 1) × 1000 + item number (from 1),
 * so payment 1's first item is transaction 1, it is stable, and it needs no table of its own. A
 * payment has at most 200 items.
 */
export function paymentTransactionId(paymentId: number, itemNumber: number): number {
  return (paymentId - 1) * 1000 + itemNumber;
}

/** The payment and item number behind a payment transaction id. */
export function splitPaymentTransactionId(id: number): { paymentId: number; itemNumber: number } {
  return { paymentId: Math.floor((id - 1) / 1000) + 1, itemNumber: ((id - 1) % 1000) + 1 };
}

/**
 * Spreads the wallet's part of a payment over its items in proportion to their prices, exactly:
 * each item gets the floor of its share and the minor units left over go, one each, to the items
 * with the largest remainders (the first of equal ones). The parts add up to `walletTotal`.
 */
export function spreadWalletPrice(prices: number[], walletTotal: number): number[] {
  const total = prices.reduce((sum, price) => sum + price, 0);
  if (total <= 0 || walletTotal <= 0) return prices.map(() => 0);
  const shares = prices.map((price, index) => {
    const exact = BigInt(price) * BigInt(walletTotal);
    return { index, floor: Number(exact / BigInt(total)), remainder: exact % BigInt(total) };
  });
  let left = walletTotal - shares.reduce((sum, share) => sum + share.floor, 0);
  const parts = shares.map((share) => share.floor);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const share of byRemainder) {
    if (left <= 0) break;
    parts[share.index] = (parts[share.index] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

/** The card association a card number's first digits name (the platform's CardAssociation), or null. */
export function cardAssociationOf(digits: string): string | null {
  if (/^4/.test(digits)) return 'VISA';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return 'MASTER_CARD';
  if (/^3[47]/.test(digits)) return 'AMEX';
  if (/^9792/.test(digits)) return 'TROY';
  return null;
}
