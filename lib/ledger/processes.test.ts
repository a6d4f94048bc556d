import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { count, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { ledgerTransfers } from '@/db/schema';
import { getWalletBalance, postTransfer, verifyLedger } from './index';
import { createTestUser } from './test-helpers';

// Other processes, each with its own connection to this test file's database (DATABASE_URL is
// inherited: the SQLite file, or the PostgreSQL database with a pool per process), race for the
// same wallet or die mid-transaction.

const db = getDatabase();

const workers = path.resolve(import.meta.dirname, '../../test/workers');

type Worker = { child: ChildProcessWithoutNullStreams; nextLine: () => Promise<string>; exited: Promise<number | null> };

function startWorker(script: string, args: (string | number)[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(workers, script), ...args.map(String)], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: process.env,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const next = await lines.next();
    if (next.done) throw new Error(`${script} ended early: ${stderr}`);
    return next.value;
  };
  return { child, nextLine, exited };
}

function fund(userId: number, amount: number) {
  return db.write((tx) =>
    postTransfer(tx, {
    debit: { system: 'card_clearing', currency: 'USD' },
    credit: { wallet: userId, currency: 'USD' },
    amount,
    currency: 'USD',
    kind: 'deposit_card',
    idempotencyKey: `fund-${userId}`,
    description: { code: 'text', params: { text: 'Funding' } },
    }),
  );
}

describe('several processes', () => {
  it('debiting one wallet at once: exactly floor(B / x) succeed', async () => {
    const userId = await createTestUser(db);
    const balance = 10_000;
    const x = 300;
    await fund(userId, balance);

    const racers = [0, 1, 2, 3].map((id) => startWorker('ledger-debit-worker.ts', [userId, x, 15, id]));
    for (const racer of racers) expect(await racer.nextLine()).toBe('ready');
    for (const racer of racers) racer.child.stdin.write('go\n');
    const outcomes = await Promise.all(racers.map(async (racer) => JSON.parse(await racer.nextLine()) as { posted: number; held: number; refused: number; failed: string[] }));
    await Promise.all(racers.map((racer) => racer.exited));

    const succeeded = outcomes.reduce((sum, o) => sum + o.posted + o.held, 0);
    const held = outcomes.reduce((sum, o) => sum + o.held, 0);
    expect(outcomes.flatMap((o) => o.failed)).toEqual([]);
    expect(succeeded).toBe(Math.floor(balance / x));
    expect(outcomes.reduce((sum, o) => sum + o.refused, 0)).toBe(4 * 15 - succeeded);
    expect(await getWalletBalance(db.read, userId, 'USD')).toEqual({
      available: balance - Math.floor(balance / x) * x,
      held: held * x,
      posted: balance - (succeeded - held) * x,
      pendingIncoming: 0,
      currency: 'USD',
    });
    expect((await verifyLedger(db.read)).problems).toEqual([]);
  });

  it('killed mid-burst with SIGKILL: the database still verifies and keeps every reported commit', async () => {
    const userId = await createTestUser(db);
    const burst = startWorker('ledger-burst-worker.ts', [userId]);
    let reported = 0;
    while (reported < 200) reported = Number((await burst.nextLine()).replace('done ', ''));
    burst.child.kill('SIGKILL');
    await burst.exited;

    const verification = await verifyLedger(db.read);
    expect(verification.problems).toEqual([]);
    const countKeys = async (pattern: string) =>
      (await db.read.select({ n: count() }).from(ledgerTransfers).where(like(ledgerTransfers.idempotencyKey, pattern)))[0]?.n ?? 0;
    const rounds = await countKeys('burst-%-pay');
    expect(rounds).toBeGreaterThanOrEqual(reported);
    // Each round is one transaction of four ledger calls: all of it or none of it.
    expect(await countKeys('burst-%-in')).toBe(rounds);
    expect(await countKeys('burst-%-hold')).toBe(rounds);
    expect(await getWalletBalance(db.read, userId, 'USD')).toEqual({
      available: 0,
      held: Math.ceil(rounds / 2) * 700,
      posted: rounds * 1_000 - Math.floor(rounds / 2) * 700 - rounds * 300,
      pendingIncoming: 0,
      currency: 'USD',
    });
  });
});
