import path from 'node:path';
import { defineConfig } from 'vitest/config';

const onPostgres = process.env.COFFER_TEST_ENGINE === 'postgres';

const everySuite = ['lib/**/*.test.ts', 'db/**/*.test.ts', 'app/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'];
// The suites that run on PostgreSQL as well. lib/ is moving onto the store seam (db/README.md)
// module by module; each module joins this list when it no longer touches the SQLite client.
const postgresSuites = ['db/database.test.ts', 'db/health.test.ts', 'db/schema-parity.test.ts', 'lib/auth/**/*.test.ts', 'lib/jobs/**/*.test.ts', 'db/append-only.test.ts', 'lib/admin/customers.test.ts', 'lib/admin/settings.test.ts', 'lib/admin/invoices.test.ts', 'lib/admin/audit.test.ts', 'lib/admin/api-keys.test.ts', 'lib/api/**/*.test.ts', 'test/api/**/*.test.ts', 'test/reliability/**/*.test.ts', 'lib/ledger/**/*.test.ts', 'lib/money/**/*.test.ts', 'lib/wallet/**/*.test.ts', 'scripts/ledger-verify.test.ts', 'test/security/**/*.test.ts', 'app/**/*.test.ts', 'lib/checkout/**/*.test.ts', 'lib/shop/**/*.test.ts', 'lib/invoices/**/*.test.ts', 'db/seed.test.ts', 'lib/payments/split.test.ts', 'lib/payments/split-stripe.test.ts', 'lib/payments/stripe.test.ts', 'lib/refunds/**/*.test.ts'];

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Outside Next.js the guard has nothing to guard: tests and scripts are server code.
      'server-only': path.resolve(import.meta.dirname, 'test/server-only-stub.ts'),
    },
  },
  test: {
    include: onPostgres ? postgresSuites : everySuite,
    globalSetup: ['test/postgres-global-setup.ts'],
    setupFiles: ['test/fresh-database.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
