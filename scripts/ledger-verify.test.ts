import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { ledgerAccounts } from '@/db/schema';
import { postTransfer } from '@/lib/ledger';
import { executeForTest } from '@/lib/ledger/test-helpers';

const db = getDatabase();

/** Runs `npm run ledger:verify`'s script on this test's database; its exit code and output. */
function runVerify(): { status: number; output: string } {
  const root = path.resolve(import.meta.dirname, '..');
  try {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ledger-verify.ts'], {
      cwd: root,
      env: { ...process.env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, output: stdout };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe('npm run ledger:verify', () => {
  it('reports totals past 2^53 (and on SQLite REAL amounts), exits 1, never crashes', async () => {
    await db.write((tx) =>
      postTransfer(tx, {
        debit: { system: 'card_clearing', currency: 'USD' },
        credit: { system: 'sales', currency: 'USD' },
        amount: 100,
        currency: 'USD',
        kind: 'payment',
        idempotencyKey: randomUUID(),
        description: { code: 'text', params: { text: 'test' } },
      }),
    );
    expect(runVerify()).toMatchObject({ status: 0, output: expect.stringContaining('OK: the ledger balances.') });

    // A damaged database: a total far past 2^53 written behind the ledger's back …
    await db.write((tx) =>
      tx.update(ledgerAccounts).set({ creditsPosted: sql`${2n ** 62n}` }).where(eq(ledgerAccounts.code, 'system:sales:USD')),
    );
    // … and, where the engine lets a fraction into an integer column (SQLite), a REAL.
    if (db.engine === 'sqlite') {
      await executeForTest(db, { sqlite: `UPDATE ledger_accounts SET debits_pending = 0.5 WHERE code = 'system:card_clearing:USD'`, postgres: '' });
    }
    const { status, output } = runVerify();
    expect(status).toBe(1);
    expect(output).toMatch(/FAILED: \d+ problem/);
    expect(output).toMatch(/credits_posted 4611686018427387904 is beyond the exact integer range/);
    if (db.engine === 'sqlite') expect(output).toMatch(/REAL/);
    expect(output).not.toMatch(/RangeError|TypeError|at .*\.ts:\d+/);
  });
});
