// npm run ledger:verify — recomputes the ledger of the database at DATABASE_URL (default
// data/coffer.db) from its transfers; prints a summary and exits 1 on any problem.
import fs from 'node:fs';
import { databasePath } from '@/db/database-path';
import { formatMoney, isCurrencyCode } from '@/lib/money';

const file = databasePath();
// Checked before db/client is loaded: opening a missing file would create an empty database.
if (!fs.existsSync(file)) {
  console.error(`No database at ${file}.`);
  process.exit(1);
}
const { sqlite } = await import('@/db/client');
const { verifyLedger } = await import('@/lib/ledger');
const hasLedger = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_transfers'`).get();
if (!hasLedger) {
  console.error(`${file} has no ledger tables yet; run npm run db:migrate first.`);
  process.exit(1);
}

const started = performance.now();
const result = verifyLedger();
const seconds = ((performance.now() - started) / 1000).toFixed(2);
// A total past 2^53 is already listed as a problem; print its digits rather than fail on it.
const money = (amount: number, currency: string) =>
  isCurrencyCode(currency) && Number.isSafeInteger(amount) ? formatMoney(amount, currency) : `${amount} ${currency}`;

console.log(`Ledger of ${file}`);
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
