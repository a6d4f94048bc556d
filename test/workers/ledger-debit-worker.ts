// Child process for the concurrency test: waits for "go" on stdin, then fires `attempts` debits
// of `amount` at one wallet through its own database connection (SQLite: its own connection to
// the file; PostgreSQL: its own pool; DATABASE_URL is inherited), and prints what happened.
import { createInterface } from 'node:readline';
import { getDatabase } from '@/db';
import { createPendingTransfer, InsufficientFundsError, postTransfer } from '@/lib/ledger';

const [userId, amount, attempts, workerId] = process.argv.slice(2).map(Number);
if (!userId || !amount || !attempts || workerId === undefined) throw new Error('usage: debit-worker <userId> <amount> <attempts> <workerId>');

const db = getDatabase();
const outcome = { posted: 0, held: 0, refused: 0, failed: [] as string[] };
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  for (let i = 0; i < attempts; i++) {
    const hold = i % 3 === 2;
    const input = {
      debit: { wallet: userId, currency: 'USD' },
      credit: { system: 'sales' as const, currency: 'USD' },
      amount,
      currency: 'USD',
      kind: 'payment' as const,
      idempotencyKey: `worker-${workerId}-${i}`,
      description: { code: 'text' as const, params: { text: `Concurrent debit ${workerId}/${i}` } },
    };
    try {
      await db.write((tx) => (hold ? createPendingTransfer(tx, input) : postTransfer(tx, input)));
      if (hold) outcome.held++;
      else outcome.posted++;
    } catch (error) {
      if (error instanceof InsufficientFundsError) outcome.refused++;
      else outcome.failed.push(String(error));
    }
  }
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  break;
}
lines.close();
await db.close();
