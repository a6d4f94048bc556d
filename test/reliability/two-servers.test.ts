// Issue 14: two app servers on one database, each with its own pool (its own connection on
// SQLite), behind what a load balancer would be. The same Idempotency-Key sent to both at once
// moves money once; the same signed request replayed on the other server is refused; a burst of
// debits spread over both never overdraws the wallet.
import crypto from 'node:crypto';
import { calculateSignature } from '@craftgate/craftgate/dist/lib/utils';
import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { apiIdempotency, ledgerTransfers, payments } from '@/db/schema';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { startApiProcess, type ApiProcess } from './api-process';
import { fundWallet, walletPaymentBody, type SignedAnswer } from './signed-request';

const db = getDatabase();
let servers: ApiProcess[] = [];
let key: NewApiKey;

beforeAll(async () => {
  key = await createApiKey(db, { name: 'Two servers', staffId: (await insertTestUser(db, 'staff')).id });
  servers = await Promise.all([startApiProcess(), startApiProcess()]);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

// The address clients use: the load balancer's. Each server rebuilds it from X-Forwarded-Host.
const PUBLIC_HOST = 'shop.test';
const PUBLIC_BASE = `http://${PUBLIC_HOST}/api/craftgate`;

type Signed = { path: string; text: string; headers: Record<string, string> };

/** A POST signed by the platform's client for the public address, with a new x-rnd-key. */
function sign(path: string, body: unknown, headers: Record<string, string> = {}): Signed {
  const text = JSON.stringify(body);
  const rnd = crypto.randomUUID();
  const signature = calculateSignature({ apiKey: key.apiKey, secretKey: key.secretKey, randomStr: rnd, url: `${PUBLIC_BASE}${path}`, body: text });
  return {
    path,
    text,
    headers: {
      'content-type': 'application/json',
      'x-api-key': key.apiKey,
      'x-rnd-key': rnd,
      'x-auth-version': '1',
      'x-signature': signature,
      'x-forwarded-host': PUBLIC_HOST,
      'x-forwarded-proto': 'http',
      ...headers,
    },
  };
}

async function send(server: ApiProcess | undefined, request: Signed): Promise<SignedAnswer> {
  if (!server) throw new Error('No server.');
  const response = await fetch(`${server.baseUrl}${request.path}`, { method: 'POST', body: request.text, headers: request.headers });
  return { status: response.status, text: await response.text() };
}

const a = () => servers[0];
const b = () => servers[1];
const PAY = '/payment/v1/card-payments';
const ledgerKey = (idempotencyKey: string) => `api:payment:${key.id}:key:${idempotencyKey}`;

async function transfersLike(pattern: string): Promise<number> {
  const [row] = await db.read.select({ n: count() }).from(ledgerTransfers).where(like(ledgerTransfers.idempotencyKey, pattern));
  return row?.n ?? 0;
}

async function paymentsOf(userId: number, state?: 'done'): Promise<number> {
  const [row] = await db.read
    .select({ n: count() })
    .from(payments)
    .where(and(eq(payments.userId, userId), state ? eq(payments.state, state) : undefined));
  return row?.n ?? 0;
}

const available = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;

describe('two app servers on one database', () => {
  it('the same Idempotency-Key sent to both servers at once moves money once, and every copy gets the same answer', async () => {
    const buyer = await insertTestUser(db);
    await fundWallet(db, buyer.id, 100_000);
    const body = walletPaymentBody(buyer.id, 12.5);
    const keys = Array.from({ length: 12 }, (_, index) => `two-servers-${index}`);

    // Three copies of each key to each server, all at once, each signed anew (as a retrying client does).
    const answers = await Promise.all(
      keys.map((idempotencyKey) =>
        Promise.all(Array.from({ length: 6 }, (_, copy) => send(copy % 2 === 0 ? a() : b(), sign(PAY, body, { 'Idempotency-Key': idempotencyKey })))),
      ),
    );

    for (const [index, copies] of answers.entries()) {
      expect(copies.map((copy) => copy.status), keys[index]).toEqual(copies.map(() => 200));
      expect(new Set(copies.map((copy) => copy.text)).size, keys[index]).toBe(1);
    }
    for (const idempotencyKey of keys) expect(await transfersLike(ledgerKey(idempotencyKey))).toBe(1);
    expect(await paymentsOf(buyer.id, 'done')).toBe(keys.length);
    expect(await paymentsOf(buyer.id)).toBe(keys.length);
    const [replies] = await db.read.select({ n: count() }).from(apiIdempotency).where(and(eq(apiIdempotency.apiKeyId, key.id), like(apiIdempotency.key, 'two-servers-%')));
    expect(replies?.n).toBe(keys.length);
    expect(await available(buyer.id)).toBe(100_000 - keys.length * 1250);

    // A later retry on either server replays the stored answer.
    const [first] = answers[0] ?? [];
    expect(await send(b(), sign(PAY, body, { 'Idempotency-Key': keys[0] ?? '' }))).toEqual(first);
    expect(await send(a(), sign(PAY, body, { 'Idempotency-Key': keys[0] ?? '' }))).toEqual(first);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('one key with two bodies on the two servers at once: one pays, the other gets 409, nothing moves twice', async () => {
    const buyer = await insertTestUser(db);
    await fundWallet(db, buyer.id, 10_000);
    const rounds = 8;
    for (let round = 0; round < rounds; round++) {
      const idempotencyKey = `two-bodies-${round}`;
      const answers = await Promise.all([
        send(a(), sign(PAY, walletPaymentBody(buyer.id, 10), { 'Idempotency-Key': idempotencyKey })),
        send(b(), sign(PAY, walletPaymentBody(buyer.id, 11), { 'Idempotency-Key': idempotencyKey })),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(JSON.parse(answers.find((answer) => answer.status === 409)?.text ?? '{}')).toEqual({
        errors: { errorCode: 'IDEMPOTENCY_CONFLICT', errorDescription: expect.any(String) },
      });
      expect(await transfersLike(ledgerKey(idempotencyKey))).toBe(1);
    }
    expect(await paymentsOf(buyer.id)).toBe(rounds);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('a signed request captured on one server is refused on the other (the replay memory is shared)', async () => {
    const buyer = await insertTestUser(db);
    await fundWallet(db, buyer.id, 10_000);
    const captured = sign(PAY, walletPaymentBody(buyer.id, 5));
    const answers = await Promise.all([a(), b(), a(), b()].map((server) => send(server, captured)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409]);
    for (const answer of answers.filter((each) => each.status === 409)) {
      expect(JSON.parse(answer.text).errors.errorCode).toBe('REQUEST_REPLAYED');
    }
    expect(await paymentsOf(buyer.id)).toBe(1);
    expect(await available(buyer.id)).toBe(9_500);
  });

  it('debits spread over both servers at one wallet: exactly floor(balance / price) succeed', async () => {
    const buyer = await insertTestUser(db);
    const balance = 5_000;
    const price = 370;
    await fundWallet(db, buyer.id, balance);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) => send(index % 2 === 0 ? a() : b(), sign(PAY, walletPaymentBody(buyer.id, price / 100)))),
    );
    const paid = answers.filter((answer) => answer.status === 200);
    const expected = Math.floor(balance / price);
    expect(paid).toHaveLength(expected);
    for (const answer of answers.filter((each) => each.status !== 200)) {
      expect(answer.status).toBe(422);
      expect(JSON.parse(answer.text).errors.errorCode).toBe('10051');
    }
    expect(await paymentsOf(buyer.id)).toBe(expected);
    expect(await available(buyer.id)).toBe(balance - expected * price);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
