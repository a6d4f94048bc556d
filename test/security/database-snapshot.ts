import crypto from 'node:crypto';
import { sqlite } from '@/db/client';
import { verifyLedger } from '@/lib/ledger';

/** Every table's row count and a digest of its rows: two equal snapshots mean nothing changed. */
export function databaseSnapshot(): Record<string, { rows: number; digest: string }> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .pluck()
    .all()
    .filter((name): name is string => typeof name === 'string');
  const snapshot: Record<string, { rows: number; digest: string }> = {};
  for (const table of tables) {
    const rows = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().all();
    const digest = crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    snapshot[table] = { rows: rows.length, digest };
  }
  return snapshot;
}

/** Throws unless the ledger's invariants hold. */
export function assertLedgerVerifies(): void {
  const verification = verifyLedger();
  if (!verification.ok) throw new Error(`Ledger does not verify: ${verification.problems.join('; ')}`);
}
