import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqlite } from '@/db/client';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { fundWallet, signedPost, walletPaymentBody, type SignedAnswer } from './signed-request';

// The API server runs in a child process with its own connection to this file's database. It is
// killed with SIGKILL in the middle of a burst of payments, then started again: what it answered
// must be there exactly once, nothing may be half-written, and replays pay at most once.

type ApiProcess = { child: ChildProcessWithoutNullStreams; baseUrl: string; exited: Promise<unknown> };

async function startApiProcess(): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'workers', 'api-server.ts')], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: process.env,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  const port = first.done ? undefined : /^listening (\d+)$/.exec(first.value)?.[1];
  if (!port) throw new Error(`The API process did not start: ${stderr}`);
  return { child, baseUrl: `http://127.0.0.1:${port}/api/craftgate`, exited };
}

let key: NewApiKey;

beforeAll(() => {
  key = createApiKey({ name: 'Crash', staffId: insertTestUser('staff').id });
});

const BURST = 80;
const KILL_AFTER = 25;
const PRICE = 250;
const FUNDS = 1_000_000;

const count = (sql: string, ...params: (string | number)[]) => sqlite.prepare<(string | number)[], { n: number }>(sql).get(...params)?.n ?? 0;
const ledgerKey = (idempotencyKey: string) => `api:payment:${key.id}:key:${idempotencyKey}`;

describe('the API process killed mid-burst', () => {
  it('keeps every answered payment exactly once, half-writes none, and pays each replayed key at most once', async () => {
    const buyer = insertTestUser();
    fundWallet(buyer.id, FUNDS);
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
      expect(count(`SELECT COUNT(*) AS n FROM payments WHERE idempotency_key = ? AND id = ? AND state = 'done'`, ledgerKey(idempotencyKey), paymentId)).toBe(1);
      expect(count(`SELECT COUNT(*) AS n FROM ledger_transfers WHERE idempotency_key = ? AND payment_id = ?`, ledgerKey(idempotencyKey), paymentId)).toBe(1);
    }

    // Nothing half-written: each payment row has its transfer and merchant details, and each
    // payment transfer has its payment row; each stored reply has its payment.
    const payments = count(`SELECT COUNT(*) AS n FROM payments WHERE user_id = ?`, buyer.id);
    expect(payments).toBeGreaterThanOrEqual(answeredKeys.length);
    expect(count(`SELECT COUNT(*) AS n FROM payments WHERE user_id = ? AND state = 'done'`, buyer.id)).toBe(payments);
    expect(
      count(
        `SELECT COUNT(*) AS n FROM payments p JOIN ledger_transfers t ON t.id = p.transfer_id AND t.payment_id = p.id AND t.idempotency_key = p.idempotency_key
         JOIN api_payments a ON a.payment_id = p.id WHERE p.user_id = ?`,
        buyer.id,
      ),
    ).toBe(payments);
    expect(count(`SELECT COUNT(*) AS n FROM ledger_transfers WHERE idempotency_key LIKE ?`, `${ledgerKey('crash-')}%`)).toBe(payments);
    expect(count(`SELECT COUNT(*) AS n FROM api_idempotency WHERE api_key_id = ?`, key.id)).toBe(payments);
    expect(getBalance({ wallet: buyer.id, currency: 'USD' }).available).toBe(FUNDS - payments * PRICE);
    expect(verifyLedger().ok).toBe(true);

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
      second.child.kill('SIGKILL');
      await second.exited;
    }

    for (const idempotencyKey of keys) {
      expect(count(`SELECT COUNT(*) AS n FROM ledger_transfers WHERE idempotency_key = ?`, ledgerKey(idempotencyKey))).toBe(1);
      expect(count(`SELECT COUNT(*) AS n FROM payments WHERE idempotency_key = ?`, ledgerKey(idempotencyKey))).toBe(1);
    }
    expect(count(`SELECT COUNT(*) AS n FROM payments WHERE user_id = ?`, buyer.id)).toBe(BURST);
    expect(getBalance({ wallet: buyer.id, currency: 'USD' }).available).toBe(FUNDS - BURST * PRICE);
    expect(verifyLedger().ok).toBe(true);
  });
});
