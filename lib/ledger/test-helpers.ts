import { randomUUID } from 'node:crypto';
import type { Database } from '@/db/database';
import { users, type UserRole } from '@/db/schema';

/** Inserts a user (no real password) so that a wallet can belong to it; returns its id. */
export async function createTestUser(db: Database, role: UserRole = 'customer'): Promise<number> {
  const tag = randomUUID();
  const [user] = await db.write((tx) =>
    tx
      .insert(users)
      .values({ email: `${tag}@test.invalid`, name: `Test ${tag.slice(0, 8)}`, passwordHash: 'not-a-hash', role })
      .returning({ id: users.id }),
  );
  if (!user) throw new Error('The test user was not inserted.');
  return user.id;
}

/**
 * Runs an engine-specific statement (tests only: dropping an append-only trigger, tampering with
 * a row the ledger's own code never writes like that). Nothing in lib/ may need this.
 */
export async function executeForTest(db: Database, statements: { sqlite: string; postgres: string }): Promise<void> {
  const { sql } = await import('drizzle-orm');
  await db.write(async (tx) => {
    const handle = tx as unknown as { run?: (query: unknown) => unknown; execute?: (query: unknown) => Promise<unknown> };
    if (db.engine === 'postgres') await handle.execute?.(sql.raw(statements.postgres));
    else for (const statement of statements.sqlite.split(';').filter((s) => s.trim())) handle.run?.(sql.raw(statement));
  });
}
