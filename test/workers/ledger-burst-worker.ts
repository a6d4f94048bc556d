// Child process for the crash test: moves money in small multi-step transactions forever and
// reports each commit on stdout, until the test kills it with SIGKILL.
import { getDatabase } from '@/db';
import { createPendingTransfer, postPendingTransfer, postTransfer } from '@/lib/ledger';

const userId = Number(process.argv[2]);
if (!userId) throw new Error('usage: burst-worker <userId>');
const db = getDatabase();
const wallet = { wallet: userId, currency: 'USD' };
const base = { currency: 'USD', description: { code: 'text', params: { text: 'Burst' } } } as const;

for (let i = 1; ; i++) {
  await db.write(async (tx) => {
    await postTransfer(tx, { ...base, debit: { system: 'card_clearing', currency: 'USD' }, credit: wallet, amount: 1_000, kind: 'deposit_card', idempotencyKey: `burst-${i}-in` });
    const hold = await createPendingTransfer(tx, { ...base, debit: wallet, credit: { system: 'sales', currency: 'USD' }, amount: 700, kind: 'payment', idempotencyKey: `burst-${i}-hold` });
    if (i % 2 === 0) await postPendingTransfer(tx, { transferId: hold.transfer.id });
    await postTransfer(tx, { ...base, debit: wallet, credit: { system: 'sales', currency: 'USD' }, amount: 300, kind: 'payment', idempotencyKey: `burst-${i}-pay` });
  });
  process.stdout.write(`done ${i}\n`);
}
