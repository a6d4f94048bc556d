import { and, count, eq, like, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { apiIdempotency, apiPayments, ledgerTransfers, payments } from '@/db/schema';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { startApiProcess } from './api-process';
import { fundWallet, signedPost, walletPaymentBody, type SignedAnswer } from './signed-request';

// The API server runs in a child process with its own connection to this file's database (a pool
// of its own on PostgreSQL). It is killed with SIGKILL in the middle of a burst of payments, then
// started again: what it answered must be there exactly once, nothing may be half-written, and
// replays pay at most once.

const db = getDatabase();
let key: NewApiKey;

beforeAll(async () => {
  key = await createApiKey(db, { name: 'Crash', staffId: (await insertTestUser(db, 'staff')).id });
});

const BURST = 80;
const KILL_AFTER = 25;
const PRICE = 250;
const FUNDS = 1_000_000;

const ledgerKey = (idempotencyKey: string) => `api:payment:${key.id}:key:${idempotencyKey}`;

async function paymentsWhere(where: SQL | undefined): Promise<number> {
  const [row] = await db.read.select({ n: count() }).from(payments).where(where);
  return row?.n ?? 0;
}

async function transfersWhere(where: SQL | undefined): Promise<number> {
  const [row] = await db.read.select({ n: count() }).from(ledgerTransfers).where(where);
  return row?.n ?? 0;
}

/** Payments of the buyer whose transfer, merchant details and keys all agree: nothing half-written. */
async function wholePayments(userId: number): Promise<number> {
  const [row] = await db.read
    .select({ n: count() })
    .from(payments)
    .innerJoin(
      ledgerTransfers,
      and(eq(ledgerTransfers.id, payments.transferId), eq(ledgerTransfers.paymentId, payments.id), eq(ledgerTransfers.idempotencyKey, payments.idempotencyKey)),
    )
    .innerJoin(apiPayments, eq(apiPayments.paymentId, payments.id))
    .where(eq(payments.userId, userId));
  return row?.n ?? 0;
}

async function storedReplies(): Promise<number> {
  const [row] = await db.read.select({ n: count() }).from(apiIdempotency).where(eq(apiIdempotency.apiKeyId, key.id));
  return row?.n ?? 0;
}

const available = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;

describe('the API process killed mid-burst', () => {
  it('keeps every answered payment exactly once, half-writes none, and pays each replayed key at most once', async () => {
    const buyer = await insertTestUser(db);
    await fundWallet(db, buyer.id, FUNDS);
    const body = walletPaymentBody(buyer.id, PRICE / 100);
    const keys = Array.from({ length: BURST }, (_, index) => `crash-${index}`);

    const first = await startApiProcess();
    let answered = 0;
    const outcomes = await Promise.all(
      keys.map(async (idempotencyKey): Promise<SignedAnswer | undefined> => {
        try {
          const answer = await signedPost(first.baseUrl, key, '/payment/v1/card-payments', body, { 'Idempotency-Key': idempotencyKey });
          answered += 1;
          if (answered === KILL_AFTER) first.child.kill('SIGKILL');
          return answer;
        } catch {
          return undefined;
        }
      }),
    );
    await first.exited;

    const answeredKeys = keys.filter((_, index) => outcomes[index] !== undefined);
    const silentKeys = keys.filter((_, index) => outcomes[index] === undefined);
    expect(answeredKeys.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(silentKeys.length).toBeGreaterThan(0);
    for (const [index, idempotencyKey] of keys.entries()) {
      const outcome = outcomes[index];
      if (!outcome) continue;
      expect(outcome.status).toBe(200);
      const paymentId = (JSON.parse(outcome.text) as { data: { id: number } }).data.id;
      expect(await paymentsWhere(and(eq(payments.idempotencyKey, ledgerKey(idempotencyKey)), eq(payments.id, paymentId), eq(payments.state, 'done')))).toBe(1);
      expect(await transfersWhere(and(eq(ledgerTransfers.idempotencyKey, ledgerKey(idempotencyKey)), eq(ledgerTransfers.paymentId, paymentId)))).toBe(1);
    }

    // Nothing half-written: each payment row has its transfer and merchant details, and each
    // payment transfer has its payment row; each stored reply has its payment.
    const paid = await paymentsWhere(eq(payments.userId, buyer.id));
    expect(paid).toBeGreaterThanOrEqual(answeredKeys.length);
    expect(await paymentsWhere(and(eq(payments.userId, buyer.id), eq(payments.state, 'done')))).toBe(paid);
    expect(await wholePayments(buyer.id)).toBe(paid);
    expect(await transfersWhere(like(ledgerTransfers.idempotencyKey, `${ledgerKey('crash-')}%`))).toBe(paid);
    expect(await storedReplies()).toBe(paid);
    expect(await available(buyer.id)).toBe(FUNDS - paid * PRICE);
    expect((await verifyLedger(db.read)).ok).toBe(true);

    const second = await startApiProcess();
    try {
      const replays = await Promise.all(
        silentKeys.map((idempotencyKey) => signedPost(second.baseUrl, key, '/payment/v1/card-payments', body, { 'Idempotency-Key': idempotencyKey })),
      );
      expect(replays.map((replay) => replay.status)).toEqual(silentKeys.map(() => 200));
      const answeredAgain = await Promise.all(
        answeredKeys.map((idempotencyKey) => signedPost(second.baseUrl, key, '/payment/v1/card-payments', body, { 'Idempotency-Key': idempotencyKey })),
      );
      expect(answeredAgain).toEqual(outcomes.filter((outcome) => outcome !== undefined));
    } finally {
      await second.stop();
    }

    for (const idempotencyKey of keys) {
      expect(await transfersWhere(eq(ledgerTransfers.idempotencyKey, ledgerKey(idempotencyKey)))).toBe(1);
      expect(await paymentsWhere(eq(payments.idempotencyKey, ledgerKey(idempotencyKey)))).toBe(1);
    }
    expect(await paymentsWhere(eq(payments.userId, buyer.id))).toBe(BURST);
    expect(await available(buyer.id)).toBe(FUNDS - BURST * PRICE);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
