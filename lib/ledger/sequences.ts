import { eq, sql } from 'drizzle-orm';
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

/**
 * Gives back the number nextTransferReference just took, in the same transaction (which still
 * holds the counter row, so no one else took a number since): a transfer refused after its
 * reference was taken leaves no gap.
 */
export async function takeBackTransferReference(tx: Tx, now: Date): Promise<void> {
  await tx
    .update(sequences)
    .set({ lastValue: sql`${sequences.lastValue} - 1` })
    .where(eq(sequences.name, `WT/${now.getUTCFullYear()}`));
}

/**
 * Takes the transfer counter's row without taking a number: what a ledger write that makes no
 * new transfer (posting or voiding a pending one) does first, so that every transaction that
 * writes accounts locks the counter before any account, and none can hold an account while it
 * waits for the counter. (A year whose first transfer is still to come has no row: nothing to
 * lock, and nothing else can be waiting on it.)
 */
export async function lockTransferCounter(tx: Tx, now: Date): Promise<void> {
  await preparedOnce(tx, 'lockTransferCounter', (q) =>
    q
      .update(sequences)
      .set({ lastValue: sql`${sequences.lastValue}` })
      .where(eq(sequences.name, sql.placeholder('name'))),
  ).execute({ name: `WT/${now.getUTCFullYear()}` });
}
