import crypto from 'node:crypto';
import { asc, getTableColumns, getTableName } from 'drizzle-orm';
import type { Database } from '@/db/database';
import * as schema from '@/db/schema';
import { verifyLedger } from '@/lib/ledger';

type Table = typeof schema.users;

/** Every table of the schema, by its SQL name (the same set on both engines). */
function tables(): Table[] {
  return Object.values(schema).filter((value): value is Table => {
    try {
      return typeof value === 'object' && value !== null && typeof getTableName(value as Table) === 'string' && Object.keys(getTableColumns(value as Table)).length > 0;
    } catch {
      return false;
    }
  });
}

/** Every table's row count and a digest of its rows: two equal snapshots mean nothing changed. */
export async function databaseSnapshot(db: Database): Promise<Record<string, { rows: number; digest: string }>> {
  const snapshot: Record<string, { rows: number; digest: string }> = {};
  for (const table of tables().sort((a, b) => getTableName(a).localeCompare(getTableName(b)))) {
    const columns = Object.values(getTableColumns(table));
    const rows = await db.read
      .select()
      .from(table)
      .orderBy(...columns.map((column) => asc(column)));
    const digest = crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    snapshot[getTableName(table)] = { rows: rows.length, digest };
  }
  return snapshot;
}

/** Throws unless the ledger's invariants hold. */
export async function assertLedgerVerifies(db: Database): Promise<void> {
  const verification = await verifyLedger(db.read);
  if (!verification.ok) throw new Error(`Ledger does not verify: ${verification.problems.join('; ')}`);
}
