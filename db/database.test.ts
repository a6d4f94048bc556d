import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase, NestedWriteError } from '@/db';
import { sequences } from '@/db/schema';

const database = getDatabase();

async function counter(name: string): Promise<number | undefined> {
  const [row] = await database.read.select().from(sequences).where(eq(sequences.name, name));
  return row?.lastValue;
}

describe('the store seam', () => {
  it('runs the engine this test run asked for', () => {
    expect(database.engine).toBe(process.env.COFFER_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite');
  });

  it('commits a write transaction when its work resolves', async () => {
    await database.write(async (tx) => {
      await tx.insert(sequences).values({ name: 'seam/commit', lastValue: 7 });
    });
    expect(await counter('seam/commit')).toBe(7);
  });

  it('rolls back everything when the work throws', async () => {
    await expect(
      database.write(async (tx) => {
        await tx.insert(sequences).values({ name: 'seam/rollback', lastValue: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await counter('seam/rollback')).toBeUndefined();
  });

  it('reads outside a write transaction see what it wrote only once it commits', async () => {
    let seenDuring: number | undefined = -1;
    await database.write(async (tx) => {
      await tx.insert(sequences).values({ name: 'seam/isolation', lastValue: 3 });
      seenDuring = await counter('seam/isolation');
    });
    expect(seenDuring).toBeUndefined();
    expect(await counter('seam/isolation')).toBe(3);
  });

  it('refuses a write inside a write (the open tx must be passed down)', async () => {
    await expect(database.write(() => database.write(async () => 1))).rejects.toBeInstanceOf(NestedWriteError);
  });

  it('runs concurrent transactions without losing an update', async () => {
    await database.write(async (tx) => {
      await tx.insert(sequences).values({ name: 'seam/race', lastValue: 0 });
    });
    const increments = Array.from({ length: 20 }, () =>
      database.write(async (tx) => {
        await tx.update(sequences).set({ lastValue: sql`${sequences.lastValue} + 1` }).where(eq(sequences.name, 'seam/race'));
        await Promise.resolve(); // a yield inside the transaction, where another request could run
      }),
    );
    await Promise.all(increments);
    expect(await counter('seam/race')).toBe(20);
  });
});
