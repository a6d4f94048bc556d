// With COFFER_TEST_ENGINE=postgres, one PostgreSQL server serves the whole run: test files read
// its URL with inject('postgresUrl') and make their own database (test/postgres-database.ts).
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../scripts/ensure-postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's URL (database `postgres`); unset when the run uses SQLite. */
    postgresUrl?: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.COFFER_TEST_ENGINE !== 'postgres') return undefined;
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
