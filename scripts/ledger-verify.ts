// npm run ledger:verify — recomputes the ledger of the database at DATABASE_URL (default
// data/coffer.db; a postgres:// URL for PostgreSQL) from its transfers; prints a summary and
// exits 1 on any problem.
import fs from 'node:fs';
import { count } from 'drizzle-orm';
import { databaseTarget } from '@/db/database-path';
import { formatMoney, isCurrencyCode } from '@/lib/money';

const target = databaseTarget();
const where = target.engine === 'sqlite' ? target.file : new URL(target.url).pathname.slice(1) + ' (PostgreSQL)';
// Checked before the database opens: opening a missing SQLite file would create an empty one.
if (target.engine === 'sqlite' && !fs.existsSync(target.file)) {
  console.error(`No database at ${target.file}.`);
  process.exit(1);
}
const { getDatabase } = await import('@/db');
const { ledgerTransfers } = await import('@/db/schema');
const { verifyLedger } = await import('@/lib/ledger');
const db = getDatabase();

try {
  await db.read.select({ n: count() }).from(ledgerTransfers);
} catch {
  console.error(`${where} has no ledger tables yet; run npm run db:migrate first.`);
  await db.close();
  process.exit(1);
}

const started = performance.now();
const result = await verifyLedger(db.read);
const seconds = ((performance.now() - started) / 1000).toFixed(2);
// A total past 2^53 is already listed as a problem; print its digits rather than fail on it.
const money = (amount: number, currency: string) =>
  isCurrencyCode(currency) && Number.isSafeInteger(amount) ? formatMoney(amount, currency) : `${amount} ${currency}`;

console.log(`Ledger of ${where}`);
console.log(`  ${result.accounts} accounts, ${result.transfers} transfers, ${result.entries} entries, checked in ${seconds}s`);
for (const [currency, total] of Object.entries(result.totalsByCurrency)) {
  const owed = result.walletBalancesByCurrency[currency] ?? 0;
  console.log(`  ${currency}: all accounts sum to ${total}; wallets hold ${money(owed, currency)}`);
}
if (result.ok) {
  console.log('OK: the ledger balances.');
} else {
  console.error(`FAILED: ${result.problems.length} problem(s):`);
  for (const problem of result.problems) console.error(`  - ${problem}`);
  process.exitCode = 1;
}
await db.close();
