import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqlite } from '@/db/client';
import { postTransfer } from '@/lib/ledger';

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
  it('reports totals past 2^53 and REAL amounts, exits 1, never crashes', () => {
    postTransfer({
      debit: { system: 'card_clearing', currency: 'USD' },
      credit: { system: 'sales', currency: 'USD' },
      amount: 100,
      currency: 'USD',
      kind: 'payment',
      idempotencyKey: randomUUID(),
      description: 'test',
    });
    expect(runVerify()).toMatchObject({ status: 0, output: expect.stringContaining('OK: the ledger balances.') });

    // A damaged file: a total far past 2^53 and a REAL written behind the ledger's back.
    sqlite.prepare(`UPDATE ledger_accounts SET credits_posted = ? WHERE code = 'system:sales:USD'`).run(2n ** 62n);
    sqlite.prepare(`UPDATE ledger_accounts SET debits_pending = 0.5 WHERE code = 'system:card_clearing:USD'`).run();
    const { status, output } = runVerify();
    expect(status).toBe(1);
    expect(output).toMatch(/FAILED: \d+ problem/);
    expect(output).toMatch(/credits_posted 4611686018427387904 is beyond the exact integer range/);
    expect(output).toMatch(/REAL/);
    expect(output).not.toMatch(/RangeError|TypeError|at .*\.ts:\d+/);
  });
});
