// A separate process that races for one split payment, for split-race.test.ts: it completes the
// card part (as a webhook or the return page would) or closes it (as a cancel would), and prints
// what happened as JSON. Run with `node --import tsx` and DATABASE_URL pointing at the test database.
import { closePayment, completePayment } from './complete';
import { PaymentError } from './errors';

type WorkerInput = { paymentId: number; action: 'complete' | 'close' };

const input: WorkerInput = JSON.parse(process.argv[2] ?? '{}');
let outcome: string;
try {
  if (input.action === 'complete') {
    outcome = completePayment(input.paymentId).alreadyDone ? 'already_done' : 'completed';
  } else {
    outcome = closePayment(input.paymentId, 'canceled', 'You cancelled the card payment.') ? 'closed' : 'not_open';
  }
} catch (error) {
  if (!(error instanceof PaymentError)) throw error;
  outcome = error.code;
}
process.stdout.write(JSON.stringify({ action: input.action, outcome }));
