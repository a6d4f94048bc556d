// Always runs, whatever the engine: it proves that scripts/ensure-postgres.mjs brings a server up on
// this machine, that the PostgreSQL migrations apply, and that the guards and types hold there.
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '@/db/postgres/schema';
import { startPostgres } from '@/scripts/ensure-postgres.mjs';
import { createTestDatabase } from './postgres-database';

let server: Awaited<ReturnType<typeof startPostgres>> | undefined;
let pool: pg.Pool | undefined;
let db: NodePgDatabase<typeof schema>;

beforeAll(async () => {
  server = await startPostgres();
  pool = new pg.Pool({ connectionString: await createTestDatabase(server.url), max: 2 });
  db = drizzle({ client: pool, schema });
});

afterAll(async () => {
  await pool?.end();
  await server?.stop();
});

/** The database's own message: drizzle wraps it in a "Failed query" error. */
async function refusal(query: Promise<unknown>): Promise<string> {
  const error: unknown = await query.then(
    () => undefined,
    (e: unknown) => e,
  );
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : 'no error';
}

async function insertUser() {
  const [user] = await db
    .insert(schema.users)
    .values({ email: `${crypto.randomUUID()}@example.test`, name: 'Shopper', passwordHash: 'x' })
    .returning();
  return user!;
}

/** A deposit card_clearing → wallet for a new shopper, written directly (lib is not engine-neutral yet). */
async function insertTransfer(amount: number, state: 'pending' | 'posted') {
  const user = await insertUser();
  const accounts = await db
    .insert(schema.ledgerAccounts)
    .values([
      { code: `wallet:${user.id}:USD`, kind: 'wallet', ownerId: user.id, currency: 'USD', createdAt: new Date() },
      { code: `system:card_clearing:${user.id}`, kind: 'system', systemName: 'card_clearing', currency: 'USD', negativeLimit: null, createdAt: new Date() },
    ])
    .returning();
  const [transfer] = await db
    .insert(schema.ledgerTransfers)
    .values({
      reference: `WT/TEST/${crypto.randomUUID()}`,
      debitAccountId: accounts[1]!.id,
      creditAccountId: accounts[0]!.id,
      amount,
      currency: 'USD',
      kind: 'deposit_card',
      state,
      idempotencyKey: crypto.randomUUID(),
      paramsHash: 'hash',
      descriptionCode: 'text',
      descriptionParams: JSON.stringify({ text: 'deposit' }),
      createdAt: new Date(),
    })
    .returning();
  return transfer!;
}

describe('PostgreSQL engine', () => {
  it('applies every migration, creating every table of the schema', async () => {
    const tables = await db.execute<{ name: string }>(
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['ledger_transfers', 'ledger_entries', 'audit_log', 'users']));
    const applied = await db.execute<{ count: string }>(sql`SELECT count(*) AS count FROM drizzle.__drizzle_migrations`);
    expect(Number(applied.rows[0]!.count)).toBeGreaterThanOrEqual(2);
  });

  it('keeps amounts beyond 2^31 and millisecond timestamps exact', async () => {
    const amount = 2 ** 31 * 1000 + 7;
    const transfer = await insertTransfer(amount, 'posted');
    const [read] = await db.select().from(schema.ledgerTransfers).where(eq(schema.ledgerTransfers.id, transfer.id));
    expect(read!.amount).toBe(amount);
    expect(typeof read!.amount).toBe('number');
    expect(read!.createdAt.getTime()).toBe(transfer.createdAt.getTime());
    const [biggest] = await db
      .update(schema.ledgerAccounts)
      .set({ creditsPosted: Number.MAX_SAFE_INTEGER })
      .where(eq(schema.ledgerAccounts.id, transfer.creditAccountId))
      .returning();
    expect(biggest!.creditsPosted).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses to delete or rewrite a transfer, and lets a pending one move once', async () => {
    const posted = await insertTransfer(1000, 'posted');
    const byId = eq(schema.ledgerTransfers.id, posted.id);
    expect(await refusal(db.delete(schema.ledgerTransfers).where(byId))).toMatch(/never deleted/);
    expect(await refusal(db.update(schema.ledgerTransfers).set({ amount: 1 }).where(byId))).toMatch(/only moves once/);
    expect(await refusal(db.execute(sql`TRUNCATE ledger_transfers CASCADE`))).toMatch(/never deleted/);

    const pending = await insertTransfer(500, 'pending');
    const pendingById = eq(schema.ledgerTransfers.id, pending.id);
    expect(await refusal(db.update(schema.ledgerTransfers).set({ state: 'posted', amount: 501 }).where(pendingById))).toMatch(/only moves once/);
    await db.update(schema.ledgerTransfers).set({ state: 'posted', postedAt: new Date() }).where(pendingById);
    expect(await refusal(db.update(schema.ledgerTransfers).set({ state: 'voided' }).where(pendingById))).toMatch(/only moves once/);
  });

  it('keeps ledger entries and the audit log append-only', async () => {
    const transfer = await insertTransfer(300, 'posted');
    const [entry] = await db
      .insert(schema.ledgerEntries)
      .values({ accountId: transfer.creditAccountId, position: 1, transferId: transfer.id, delta: 300, balanceAfter: 300, createdAt: new Date() })
      .returning();
    const byEntry = eq(schema.ledgerEntries.id, entry!.id);
    expect(await refusal(db.update(schema.ledgerEntries).set({ delta: 0 }).where(byEntry))).toMatch(/never changed/);
    expect(await refusal(db.delete(schema.ledgerEntries).where(byEntry))).toMatch(/never deleted/);

    const [row] = await db.insert(schema.auditLog).values({ actorId: (await insertUser()).id, action: 'test', createdAt: new Date() }).returning();
    const byRow = eq(schema.auditLog.id, row!.id);
    expect(await refusal(db.update(schema.auditLog).set({ reason: 'edited' }).where(byRow))).toMatch(/append-only/);
    expect(await refusal(db.delete(schema.auditLog).where(byRow))).toMatch(/append-only/);
  });
});
