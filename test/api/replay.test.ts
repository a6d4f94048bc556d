// Issue 13, items 5 and 6: a captured signed request moves money once at most, and amounts past
// the per-transfer cap are the caller's error, all through HTTP as the platform's clients call.
import crypto from 'node:crypto';
import Craftgate from '@craftgate/craftgate';
import { calculateSignature } from '@craftgate/craftgate/dist/lib/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { createApiKey, revokeApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, postTransfer, verifyLedger } from '@/lib/ledger';
import { MAX_AMOUNT_MINOR } from '@/lib/money';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from './craftgate-server';

const db = getDatabase();
let server: TestServer;
let key: NewApiKey;

beforeAll(async () => {
  server = await startApiServer();
  key = await createApiKey(db, { name: 'ERP', staffId: (await insertTestUser(db, 'staff')).id });
});

afterAll(() => server.close());

type Captured = { url: string; method: string; body?: string; headers: Record<string, string> };

/** A request signed as the platform's client signs it, kept so it can be sent again byte for byte. */
function capture(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signer: NewApiKey = key): Captured {
  const url = `${server.baseUrl}${path}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const rnd = crypto.randomBytes(6).toString('base64url');
  const signature = calculateSignature({ apiKey: signer.apiKey, secretKey: signer.secretKey, randomStr: rnd, url, body: text });
  return {
    url,
    method,
    body: text,
    headers: { 'content-type': 'application/json', 'x-api-key': signer.apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature, ...headers },
  };
}

async function send(request: Captured): Promise<{ status: number; json: { data?: { id?: number }; errors?: { errorCode: string; errorDescription: string } } }> {
  const response = await fetch(request.url, { method: request.method, body: request.body, headers: request.headers });
  return { status: response.status, json: await response.json() };
}

function remittance(memberId: number, price: number) {
  return { memberId: String(memberId), price, currency: 'USD', description: 'Payout' };
}

describe('replayed signed requests (issue 13 item 5)', () => {
  it('refuses a remittance replayed byte for byte: 7.00 sent once, three replays move nothing', async () => {
    const member = await insertTestUser(db);
    const captured = capture('POST', '/wallet/v1/remittances/send', remittance(member.id, 7));
    expect((await send(captured)).status).toBe(200);
    for (let i = 0; i < 3; i += 1) {
      expect(await send(captured)).toEqual({
        status: 409,
        json: { errors: { errorCode: 'REQUEST_REPLAYED', errorDescription: expect.stringMatching(/^x-rnd-key:/) } },
      });
    }
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).posted).toBe(700);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('lets exactly one of several simultaneous copies through', async () => {
    const member = await insertTestUser(db);
    const captured = capture('POST', '/wallet/v1/remittances/send', remittance(member.id, 7));
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(captured)));
    expect(answers.map((each) => each.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).posted).toBe(700);
  });

  it('refuses a replayed read too, and the same body under a new x-rnd-key is a new request', async () => {
    const read = capture('GET', '/wallet/v1/merchants/me/wallet');
    expect((await send(read)).status).toBe(200);
    expect((await send(read)).json.errors?.errorCode).toBe('REQUEST_REPLAYED');
    const member = await insertTestUser(db);
    expect((await send(capture('POST', '/wallet/v1/remittances/send', remittance(member.id, 1)))).status).toBe(200);
    expect((await send(capture('POST', '/wallet/v1/remittances/send', remittance(member.id, 1)))).status).toBe(200);
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).posted).toBe(200);
  });

  it('does not remember requests whose signature fails, so they cannot burn a real request', async () => {
    const member = await insertTestUser(db);
    const genuine = capture('POST', '/wallet/v1/remittances/send', remittance(member.id, 3));
    const forged = { ...genuine, headers: { ...genuine.headers, 'x-signature': 'AAAA' } };
    expect((await send(forged)).status).toBe(401);
    expect((await send(genuine)).status).toBe(200);
  });

  it('refuses a replay of a revoked key as unauthorised, not as new', async () => {
    const other = await createApiKey(db, { name: 'Old ERP', staffId: (await insertTestUser(db, 'staff')).id });
    const member = await insertTestUser(db);
    const captured = capture('POST', '/wallet/v1/remittances/send', remittance(member.id, 2), {}, other);
    expect((await send(captured)).status).toBe(200);
    await db.write((tx) => revokeApiKey(tx, other.apiKey));
    expect((await send(captured)).status).toBe(401);
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).posted).toBe(200);
  });
});

describe('idempotency header spellings (issue 13 item 5)', () => {
  it.each(['Idempotency-Key', 'x-idempotency-key'])('a retry with a new x-rnd-key and the same %s gets the first answer', async (header) => {
    const member = await insertTestUser(db);
    const body = remittance(member.id, 4);
    const first = await send(capture('POST', '/wallet/v1/remittances/send', body, { [header]: `payout-${header}` }));
    const retry = await send(capture('POST', '/wallet/v1/remittances/send', body, { [header]: `payout-${header}` }));
    expect(first.status).toBe(200);
    expect(retry).toEqual(first);
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).posted).toBe(400);
  });

  it('refuses two different keys in the two spellings', async () => {
    const member = await insertTestUser(db);
    const answer = await send(
      capture('POST', '/wallet/v1/remittances/send', remittance(member.id, 4), { 'Idempotency-Key': 'a', 'x-idempotency-key': 'b' }),
    );
    expect(answer).toMatchObject({ status: 400, json: { errors: { errorCode: 'VALIDATION_ERROR' } } });
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).posted).toBe(0);
  });
});

describe('merchant reset-balance beyond the per-transfer cap (issue 13 item 6)', () => {
  it('answers 400 naming walletAmount, not 500, and moves nothing', async () => {
    const client = new Craftgate.Client({ apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: server.baseUrl });
    await client.wallet().resetMerchantMemberWalletBalance({ walletAmount: 0 });
    // A reset goes to 0 (as the platform's); a balance twice the cap away from it takes two transfers to reach, one reset cannot undo it.
    for (const step of ['a', 'b']) {
      await db.write((tx) =>
        postTransfer(tx, {
          debit: { system: 'sales', currency: 'USD' },
          credit: { system: 'adjustments', currency: 'USD' },
          amount: MAX_AMOUNT_MINOR,
          currency: 'USD',
          kind: 'balance_reset',
          idempotencyKey: `test:huge-merchant-balance:${step}`,
          description: { code: 'text', params: { text: 'Test' } },
        }),
      );
    }
    const before = (await getBalance(db.read, { system: 'adjustments', currency: 'USD' })).posted;
    const answer = await send(capture('POST', '/wallet/v1/merchants/me/wallet/reset-balance', { walletAmount: 0 }));
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toMatchObject({ errorCode: 'VALIDATION_ERROR', errorDescription: expect.stringMatching(/^walletAmount: .*at most 10000000000000 USD/) });
    expect((await getBalance(db.read, { system: 'adjustments', currency: 'USD' })).posted).toBe(before);
    // An amount beyond what any amount may be is refused as such.
    const huge = await send(capture('POST', '/wallet/v1/merchants/me/wallet/reset-balance', { walletAmount: -1e20 }));
    expect(huge.json.errors).toMatchObject({ errorCode: 'VALIDATION_ERROR', errorDescription: expect.stringMatching(/^walletAmount:/) });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});

describe('text PostgreSQL cannot store', () => {
  it('answers 400 for a body holding a NUL character, and moves nothing', async () => {
    const member = await insertTestUser(db);
    const reply = await send(capture('POST', '/wallet/v1/remittances/send', { ...remittance(member.id, 5), description: 'Pay\u0000out' }));
    expect(reply.status).toBe(400);
    expect(reply.json.errors?.errorDescription).toMatch(/NUL/);
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).posted).toBe(0);
  });
});
