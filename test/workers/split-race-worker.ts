// A separate process that races for one split payment, for lib/payments/split-race.test.ts: it
// completes the card part (as a webhook or the reconciler would) or closes it (as a cancel would),
// and prints what happened as JSON. Run with `node --import tsx` and DATABASE_URL pointing at the
// test database (a SQLite file, or the test's PostgreSQL database: then it has its own pool).
import { getDatabase } from '@/db';
import { closePayment, completePayment } from '@/lib/payments/complete';
import { PaymentError } from '@/lib/payments/errors';

type WorkerInput = { paymentId: number; action: 'complete' | 'close' };

const input: WorkerInput = JSON.parse(process.argv[2] ?? '{}');
const db = getDatabase();
let outcome: string;
try {
  if (input.action === 'complete') {
    outcome = (await db.write((tx) => completePayment(tx, input.paymentId))).alreadyDone ? 'already_done' : 'completed';
  } else {
    outcome = (await db.write((tx) => closePayment(tx, input.paymentId, 'canceled', { code: 'shopperCancelled' }))) ? 'closed' : 'not_open';
  }
} catch (error) {
  if (!(error instanceof PaymentError)) throw error;
  outcome = error.code;
} finally {
  await db.close();
}
process.stdout.write(JSON.stringify({ action: input.action, outcome }));
