import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlite } from '@/db/client';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from '@/test/api/craftgate-server';
import { fundWallet, signedPost, walletPaymentBody } from './signed-request';

// A client that retries hard: the same Idempotency-Key and body, 20 times at once. The payment
// route is synchronous, so lib/api/idempotency.ts onceForKey runs the work and stores its reply in
// one write transaction; every twin that comes after reads the stored reply back.

let server: TestServer;
let key: NewApiKey;

beforeAll(async () => {
  server = await startApiServer();
  key = createApiKey({ name: 'Retry storm', staffId: insertTestUser('staff').id });
});

afterAll(async () => {
  await server.close();
});

const storm = (idempotencyKey: string, body: unknown) =>
  Promise.all(Array.from({ length: 20 }, () => signedPost(server.baseUrl, key, '/payment/v1/card-payments', body, { 'Idempotency-Key': idempotencyKey })));

const transfersFor = (idempotencyKey: string) =>
  sqlite
    .prepare<[string], { id: number; amount: number }>(`SELECT id, amount FROM ledger_transfers WHERE idempotency_key = ?`)
    .all(`api:payment:${key.id}:key:${idempotencyKey}`);

describe('the same payment retried 20 times at once', () => {
  it('moves money once and answers all 20 with the same body', async () => {
    const buyer = insertTestUser();
    fundWallet(buyer.id, 5_000);

    const answers = await storm('storm-1', walletPaymentBody(buyer.id, 12.5));

    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(transfersFor('storm-1')).toEqual([{ id: expect.any(Number), amount: 1250 }]);
    const payments = sqlite.prepare<[number], { n: number }>(`SELECT COUNT(*) AS n FROM payments WHERE user_id = ?`).get(buyer.id);
    expect(payments?.n).toBe(1);
    expect(getBalance({ wallet: buyer.id, currency: 'USD' }).available).toBe(3_750);
    expect(verifyLedger().ok).toBe(true);
  });

  it('stores a refusal too: all 20 get the same 422, and a later retry replays it even once the wallet could pay', async () => {
    const buyer = insertTestUser();
    fundWallet(buyer.id, 1_000);
    const body = walletPaymentBody(buyer.id, 25);

    const answers = await storm('storm-2', body);

    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 422));
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(JSON.parse(answers[0]?.text ?? '')).toEqual({ errors: { errorCode: 'INSUFFICIENT_FUNDS', errorDescription: expect.any(String) } });
    expect(transfersFor('storm-2')).toEqual([]);

    fundWallet(buyer.id, 5_000, 2);
    const later = await signedPost(server.baseUrl, key, '/payment/v1/card-payments', body, { 'Idempotency-Key': 'storm-2' });
    expect(later).toEqual(answers[0]);
    expect(getBalance({ wallet: buyer.id, currency: 'USD' }).available).toBe(6_000);
    expect(verifyLedger().ok).toBe(true);
  });

  it('refuses the key with 409 IDEMPOTENCY_CONFLICT when the body differs, and moves nothing', async () => {
    const buyer = insertTestUser();
    fundWallet(buyer.id, 5_000);
    await storm('storm-3', walletPaymentBody(buyer.id, 10));

    const answers = await storm('storm-3', walletPaymentBody(buyer.id, 11));

    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 409));
    expect(JSON.parse(answers[0]?.text ?? '')).toEqual({ errors: { errorCode: 'IDEMPOTENCY_CONFLICT', errorDescription: expect.any(String) } });
    expect(transfersFor('storm-3')).toHaveLength(1);
    expect(getBalance({ wallet: buyer.id, currency: 'USD' }).available).toBe(4_000);
    expect(verifyLedger().ok).toBe(true);
  });
});
