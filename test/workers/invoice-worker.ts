// A separate process for the invoice concurrency tests: it opens the test database (DATABASE_URL:
// a SQLite file or a PostgreSQL database), reports "ready", waits for "go" on stdin so that all
// workers start together, then either pays one invoice from the wallet `count` times or creates
// `count` invoices, and prints a JSON summary.
import crypto from 'node:crypto';
import readline from 'node:readline';
import { getDatabase } from '@/db';
import { issueInvoice } from '@/lib/invoices/create';
import { InvoiceError } from '@/lib/invoices/errors';
import { payInvoiceFromWallet } from '@/lib/invoices/pay-wallet';

type Summary = { done: number; refused: Record<string, number>; numbers: string[] };

async function run(mode: string, userId: number, count: number, invoiceId: number, amount: number): Promise<Summary> {
  const db = getDatabase();
  const summary: Summary = { done: 0, refused: {}, numbers: [] };
  for (let i = 0; i < count; i += 1) {
    try {
      if (mode === 'pay') {
        await payInvoiceFromWallet(db, userId, invoiceId, { amount, attemptKey: crypto.randomUUID() });
      } else {
        const invoice = await issueInvoice(db, { userId, currency: 'USD', lines: [{ description: `Item ${i}`, quantity: 1, unitPriceMinor: 100 }] });
        summary.numbers.push(invoice.number);
      }
      summary.done += 1;
    } catch (error) {
      if (!(error instanceof InvoiceError)) throw error;
      summary.refused[error.code] = (summary.refused[error.code] ?? 0) + 1;
    }
  }
  await db.close();
  return summary;
}

const [mode = '', userId = '0', count = '0', invoiceId = '0', amount = '0'] = process.argv.slice(2);
process.stdout.write('ready\n');
const input = readline.createInterface({ input: process.stdin });
input.once('line', () => {
  input.close();
  void run(mode, Number(userId), Number(count), Number(invoiceId), Number(amount)).then((summary) => {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  });
});
