import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { getDatabase } from '@/db';
import { payments } from '@/db/schema';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from '@/test/api/craftgate-server';
import { fundWallet, signedPost, walletPaymentBody } from './signed-request';

// 200 wallet payments at once over HTTP against one funded wallet: the ledger's overdraft guard,
// not a balance pre-check, decides who pays.

const db = getDatabase();
let server: TestServer;
let key: NewApiKey;

beforeAll(async () => {
  server = await startApiServer();
  key = await createApiKey(db, { name: 'Load', staffId: (await insertTestUser(db, 'staff')).id });
});

afterAll(async () => {
  await server.close();
});

describe('200 concurrent wallet payments', () => {
  it('pays exactly floor(balance / price) of them and refuses the rest with 422 INSUFFICIENT_FUNDS', async () => {
    const buyer = await insertTestUser(db);
    const balance = 10_000;
    const price = 137;
    await fundWallet(db, buyer.id, balance);

    const answers = await Promise.all(
      Array.from({ length: 200 }, () => signedPost(server.baseUrl, key, '/payment/v1/card-payments', walletPaymentBody(buyer.id, price / 100))),
    );

    const paid = answers.filter((answer) => answer.status >= 200 && answer.status < 300);
    const refused = answers.filter((answer) => !(answer.status >= 200 && answer.status < 300));
    const expectedPaid = Math.floor(balance / price);
    expect(paid).toHaveLength(expectedPaid);
    for (const answer of refused) {
      expect(answer.status).toBe(422);
      expect(JSON.parse(answer.text)).toEqual({ errors: { errorCode: '10051', errorDescription: expect.any(String), errorGroup: 'NOT_SUFFICIENT_FUNDS' } });
    }
    const paymentIds = paid.map((answer) => (JSON.parse(answer.text) as { data: { id: number } }).data.id);
    expect(new Set(paymentIds).size).toBe(expectedPaid);

    expect(await getBalance(db.read, { wallet: buyer.id, currency: 'USD' })).toMatchObject({ available: balance - expectedPaid * price, posted: balance - expectedPaid * price, held: 0 });
    const [done] = await db.read.select({ n: count() }).from(payments).where(and(eq(payments.userId, buyer.id), eq(payments.state, 'done')));
    expect(done?.n).toBe(expectedPaid);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
