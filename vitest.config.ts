import path from 'node:path';
import { defineConfig } from 'vitest/config';

const onPostgres = process.env.COFFER_TEST_ENGINE === 'postgres';

const everySuite = ['lib/**/*.test.ts', 'db/**/*.test.ts', 'app/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'];
// Every suite runs on both engines (npm run test:unit runs SQLite, then PostgreSQL), but for:
const sqliteOnly = [
  // It starts a PostgreSQL server of its own to prove scripts/ensure-postgres.mjs works on a bare machine.
  'test/postgres-engine.test.ts',
];

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Outside Next.js the guard has nothing to guard: tests and scripts are server code.
      'server-only': path.resolve(import.meta.dirname, 'test/server-only-stub.ts'),
      // next-intl's server functions read the Next.js request; tests get the catalogues directly.
      'next-intl/server': path.resolve(import.meta.dirname, 'test/next-intl-server-stub.ts'),
    },
  },
  test: {
    include: everySuite,
    exclude: onPostgres ? sqliteOnly : [],
    globalSetup: ['test/postgres-global-setup.ts'],
    setupFiles: ['test/fresh-database.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
