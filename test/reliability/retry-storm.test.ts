import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { getDatabase } from '@/db';
import { ledgerTransfers, payments } from '@/db/schema';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from '@/test/api/craftgate-server';
import { fundWallet, signedPost, walletPaymentBody } from './signed-request';

// A client that retries hard: the same Idempotency-Key and body, 20 times at once. The payment
// route is a write route, so lib/api/idempotency.ts onceForKey claims the key (INSERT … ON
// CONFLICT DO NOTHING), runs the work and stores its reply in one write transaction; every twin
// waits for that claim and reads the stored reply back.

const db = getDatabase();
let server: TestServer;
let key: NewApiKey;

beforeAll(async () => {
  server = await startApiServer();
  key = await createApiKey(db, { name: 'Retry storm', staffId: (await insertTestUser(db, 'staff')).id });
});

afterAll(async () => {
  await server.close();
});

const storm = (idempotencyKey: string, body: unknown) =>
  Promise.all(Array.from({ length: 20 }, () => signedPost(server.baseUrl, key, '/payment/v1/card-payments', body, { 'Idempotency-Key': idempotencyKey })));

const transfersFor = (idempotencyKey: string) =>
  db.read
    .select({ id: ledgerTransfers.id, amount: ledgerTransfers.amount })
    .from(ledgerTransfers)
    .where(eq(ledgerTransfers.idempotencyKey, `api:payment:${key.id}:key:${idempotencyKey}`));

describe('the same payment retried 20 times at once', () => {
  it('moves money once and answers all 20 with the same body', async () => {
    const buyer = await insertTestUser(db);
    await fundWallet(db, buyer.id, 5_000);

    const answers = await storm('storm-1', walletPaymentBody(buyer.id, 12.5));

    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(await transfersFor('storm-1')).toEqual([{ id: expect.any(Number), amount: 1250 }]);
    const [paid] = await db.read.select({ n: count() }).from(payments).where(eq(payments.userId, buyer.id));
    expect(paid?.n).toBe(1);
    expect((await getBalance(db.read, { wallet: buyer.id, currency: 'USD' })).available).toBe(3_750);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('stores a refusal too: all 20 get the same 422, and a later retry replays it even once the wallet could pay', async () => {
    const buyer = await insertTestUser(db);
    await fundWallet(db, buyer.id, 1_000);
    const body = walletPaymentBody(buyer.id, 25);

    const answers = await storm('storm-2', body);

    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 422));
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(JSON.parse(answers[0]?.text ?? '')).toEqual({ errors: { errorCode: '10051', errorDescription: expect.any(String), errorGroup: 'NOT_SUFFICIENT_FUNDS' } });
    expect(await transfersFor('storm-2')).toEqual([]);

    await fundWallet(db, buyer.id, 5_000, 2);
    const later = await signedPost(server.baseUrl, key, '/payment/v1/card-payments', body, { 'Idempotency-Key': 'storm-2' });
    expect(later).toEqual(answers[0]);
    expect((await getBalance(db.read, { wallet: buyer.id, currency: 'USD' })).available).toBe(6_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refuses the key with 409 IDEMPOTENCY_CONFLICT when the body differs, and moves nothing', async () => {
    const buyer = await insertTestUser(db);
    await fundWallet(db, buyer.id, 5_000);
    await storm('storm-3', walletPaymentBody(buyer.id, 10));

    const answers = await storm('storm-3', walletPaymentBody(buyer.id, 11));

    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 409));
    expect(JSON.parse(answers[0]?.text ?? '')).toEqual({ errors: { errorCode: 'IDEMPOTENCY_CONFLICT', errorDescription: expect.any(String) } });
    expect(await transfersFor('storm-3')).toHaveLength(1);
    expect((await getBalance(db.read, { wallet: buyer.id, currency: 'USD' })).available).toBe(4_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
