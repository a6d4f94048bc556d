import type { Database } from '@/db/database';
import { createApiKey } from '@/lib/api/secrets';
import { insertTestUser } from '@/test/helpers/users';
import { openPaymentPage, type OpenPaymentPageInput } from './pages';

/** An API key acting for a new staff member, as the merchant API opens pages with. */
export async function testApiKey(db: Database): Promise<{ apiKeyId: number; staffId: number }> {
  const staff = await insertTestUser(db, 'staff');
  const key = await createApiKey(db, { name: 'Pages test', staffId: staff.id });
  return { apiKeyId: key.id, staffId: staff.id };
}

/** Opens a page with sensible test defaults (a 30.00 USD checkout of one item). */
export async function openTestPage(db: Database, apiKeyId: number, input: Partial<OpenPaymentPageInput> = {}) {
  const paidPrice = input.paidPrice ?? 3000;
  return db.write((tx) =>
    openPaymentPage(tx, {
      kind: 'checkout',
      apiKeyId,
      buyerId: null,
      price: paidPrice,
      paidPrice,
      currency: 'USD',
      items: input.kind === 'deposit' ? [] : [{ name: 'Mug', externalId: 'mug-1', price: paidPrice }],
      conversationId: 'conv-1',
      externalId: 'ext-1',
      paymentGroup: 'PRODUCT',
      callbackUrl: 'https://merchant.example/return?order=42',
      paymentMethods: null,
      maxPayments: null,
      ttlMinutes: null,
      ...input,
    }),
  );
}
