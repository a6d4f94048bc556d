// Requests to the merchant API signed exactly as the platform's client signs them.
import crypto from 'node:crypto';
import { calculateSignature } from '@craftgate/craftgate/dist/lib/utils';
import type { Database } from '@/db/database';
import { postTransfer } from '@/lib/ledger';
import type { NewApiKey } from '@/lib/api/secrets';

export type SignedAnswer = { status: number; text: string };

/** POSTs `body` as JSON to `${baseUrl}${path}` with the client's signature headers. */
export async function signedPost(baseUrl: string, key: NewApiKey, path: string, body: unknown, headers: Record<string, string> = {}): Promise<SignedAnswer> {
  const url = `${baseUrl}${path}`;
  const text = JSON.stringify(body);
  // A new random key per request, as the platform's client does: a repeat is refused as a replay.
  const rnd = crypto.randomUUID();
  const signature = calculateSignature({ apiKey: key.apiKey, secretKey: key.secretKey, randomStr: rnd, url, body: text });
  const response = await fetch(url, {
    method: 'POST',
    body: text,
    headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature, ...headers },
  });
  return { status: response.status, text: await response.text() };
}

/** A wallet payment body of `price` (major units, USD) with one item. */
export function walletPaymentBody(buyerMemberId: number, price: number) {
  return {
    price,
    paidPrice: price,
    walletPrice: price,
    installment: 1,
    buyerMemberId,
    currency: 'USD',
    paymentGroup: 'PRODUCT',
    items: [{ name: 'Item', externalId: 'sku-1', price }],
  };
}

/** Funds a wallet from card clearing, as a card deposit would. */
export async function fundWallet(db: Database, userId: number, amount: number, round = 1): Promise<void> {
  await db.write((tx) =>
    postTransfer(tx, {
    debit: { system: 'card_clearing', currency: 'USD' },
    credit: { wallet: userId, currency: 'USD' },
    amount,
    currency: 'USD',
    kind: 'deposit_card',
    idempotencyKey: `reliability-fund-${userId}-${round}`,
    description: { code: 'text', params: { text: 'Funding for a reliability test' } },
    }),
  );
}
