import { defineConfig } from 'drizzle-kit';

// The PostgreSQL engine's schema and migrations; drizzle.config.ts is SQLite's.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/postgres/schema/index.ts',
  out: './db/postgres/migrations',
});
