// Child process for the concurrency test: waits for "go" on stdin, then fires `attempts` debits
// of `amount` at one wallet through its own database connection, and prints what happened.
import { createInterface } from 'node:readline';
import { createPendingTransfer, InsufficientFundsError, postTransfer } from '@/lib/ledger';

const [userId, amount, attempts, workerId] = process.argv.slice(2).map(Number);
if (!userId || !amount || !attempts || workerId === undefined) throw new Error('usage: debit-worker <userId> <amount> <attempts> <workerId>');

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
      description: `Concurrent debit ${workerId}/${i}`,
    };
    try {
      if (hold) createPendingTransfer(input);
      else postTransfer(input);
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
