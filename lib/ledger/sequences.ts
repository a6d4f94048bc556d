import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/database';
import { sequences } from '@/db/schema';
import { preparedOnce } from '@/db/prepared';

/**
 * The next value (1, 2, 3, …) of a named gapless counter, e.g. 'WT/2026' for transfer
 * references, 'INV/2026' for invoice numbers. A step of the write transaction that uses the
 * value: the counter row stays locked until it commits (concurrent transactions wait for it),
 * and a rollback takes the number back, so no number is skipped or reused.
 */
export async function nextSequenceValue(tx: Tx, name: string): Promise<number> {
  const statement = preparedOnce(tx, 'nextSequenceValue', (q) =>
    q
      .insert(sequences)
      .values({ name: sql.placeholder('name'), lastValue: 1 })
      .onConflictDoUpdate({ target: sequences.name, set: { lastValue: sql`${sequences.lastValue} + 1` } })
      .returning({ value: sequences.lastValue }),
  );
  const [row] = await statement.execute({ name });
  if (!row) throw new Error(`Sequence "${name}" returned nothing.`);
  return Number(row.value);
}

/** The human reference of a transfer: WT/<year>/<6-digit number>, numbered per UTC year. */
export async function nextTransferReference(tx: Tx, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  return `WT/${year}/${String(await nextSequenceValue(tx, `WT/${year}`)).padStart(6, '0')}`;
}
